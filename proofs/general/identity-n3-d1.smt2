; The structure identity, n = 3 players, d = 1; all parameters symbolic (weights, targets, background b).
; Phi(x) = |xhat|^2 - 2 sum_k w_k t_k.x_k, xhat = b + sum_k w_k x_k; s is a second profile (the solver's x*).
; negation: Phi(x) - Phi(s) != |xhat - shat|^2 - 2 sum_k w_k (t_k - shat).(x_k - s_k).
; expected: unsat
(set-logic QF_NRA)
(declare-fun b_0 () Real)
(declare-fun w_0 () Real)
(declare-fun t_0_0 () Real)
(declare-fun x_0_0 () Real)
(declare-fun s_0_0 () Real)
(declare-fun w_1 () Real)
(declare-fun t_1_0 () Real)
(declare-fun x_1_0 () Real)
(declare-fun s_1_0 () Real)
(declare-fun w_2 () Real)
(declare-fun t_2_0 () Real)
(declare-fun x_2_0 () Real)
(declare-fun s_2_0 () Real)
(assert (not (= (- (- (* (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0)) (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0))) (+ (* 2.0 w_0 t_0_0 x_0_0) (* 2.0 w_1 t_1_0 x_1_0) (* 2.0 w_2 t_2_0 x_2_0))) (- (* (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0)) (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0))) (+ (* 2.0 w_0 t_0_0 s_0_0) (* 2.0 w_1 t_1_0 s_1_0) (* 2.0 w_2 t_2_0 s_2_0)))) (- (* (- (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0)) (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0))) (- (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0)) (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0)))) (+ (* 2.0 w_0 (- t_0_0 (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0))) (- x_0_0 s_0_0)) (* 2.0 w_1 (- t_1_0 (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0))) (- x_1_0 s_1_0)) (* 2.0 w_2 (- t_2_0 (+ b_0 (* w_0 s_0_0) (* w_1 s_1_0) (* w_2 s_2_0))) (- x_2_0 s_2_0)))))))
(check-sat)
(exit)
