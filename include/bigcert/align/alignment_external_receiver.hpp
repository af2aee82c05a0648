// An external receiver for `bigcert align --receiver-cmd` (paper §6): any training pipeline can stand in for
// the built-in MLE. Protocol (docs/cli.md "align"), one process per receiver evaluation:
//   stdin  : {"format": "bigcert-align-receiver/1", "dimension": d, "reports": [[x_1...], ..., [x_n...]]}
//            (numbers as JSON decimals with 17 significant digits), then EOF;
//   stdout : one JSON array of d finite numbers, the receiver outcome x̂ (whitespace around it allowed);
//   exit 0 within the deadline. Anything else — non-zero exit, a signal, a timeout (the process group is
//   killed), or output that is not d finite numbers — throws ExternalReceiverError with the reason.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace bigcert {

class ExternalReceiverError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};
// The command did not finish within its deadline (it was killed).
class ExternalReceiverTimeout : public ExternalReceiverError {
  public:
    using ExternalReceiverError::ExternalReceiverError;
};

class ExternalReceiver {
  public:
    ExternalReceiver(std::string command, std::size_t dimension, double timeout_seconds);
    std::vector<double> operator()(const std::vector<std::vector<double>>& reports) const;

  private:
    std::string command_;
    std::size_t dimension_;
    double timeout_seconds_;
};

}  // namespace bigcert
