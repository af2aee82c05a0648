// sign(t − x̂*) for many machine-integer targets t against one x̂* of any size (the wide route of the d = 1
// fast path, line_solution.hpp): sign(p·D − N·q) for t = p/q and x̂* = N/D (q, D > 0), exactly, in two
// integers reused from call to call, so a player costs two multiplications and no allocation.
#pragma once

#include <gmp.h>

#include "bigcert/core/rational.hpp"
#include "bigcert/core/small_fraction.hpp"

namespace bigcert {

class ReceiverOrder {
  public:
    explicit ReceiverOrder(const Rational& receiver) : receiver_(receiver.backend().data()) {
        mpz_init(left_), mpz_init(right_);
    }
    ~ReceiverOrder() { mpz_clear(left_), mpz_clear(right_); }
    ReceiverOrder(const ReceiverOrder&) = delete;
    ReceiverOrder& operator=(const ReceiverOrder&) = delete;

    // -1, 0 or 1 as t is below, at or above x̂*.
    int side_of(const SmallFraction& t) {
        mpz_mul_si(left_, mpq_denref(receiver_), static_cast<long>(t.num));
        mpz_mul_ui(right_, mpq_numref(receiver_), static_cast<unsigned long>(t.den));
        const int c = mpz_cmp(left_, right_);
        return (c > 0) - (c < 0);
    }

  private:
    mpq_srcptr receiver_;
    mpz_t left_, right_;
};

}  // namespace bigcert
