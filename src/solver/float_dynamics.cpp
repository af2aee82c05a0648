// placeholder until the baseline lands
