; Theorem 1 (exact potential), n = 1 players, d = 2, deviating player 0; all parameters symbolic.
; Phi(x) = |xhat|^2 - 2 sum_k w_k t_k.x_k, xhat = b + sum_k w_k x_k, l_i = |xhat - t_i|^2.
; negation: some parameters, profile and deviation y of player i with l_i(y) - l_i(x) != Phi(y) - Phi(x).
; expected: unsat
(set-logic QF_NRA)
(declare-fun w_0 () Real)
(declare-fun t_0_0 () Real)
(declare-fun x_0_0 () Real)
(declare-fun t_0_1 () Real)
(declare-fun x_0_1 () Real)
(declare-fun b_0 () Real)
(declare-fun y_0 () Real)
(declare-fun b_1 () Real)
(declare-fun y_1 () Real)
(assert (not (= (- (+ (* (- (+ b_0 (* w_0 y_0)) t_0_0) (- (+ b_0 (* w_0 y_0)) t_0_0)) (* (- (+ b_1 (* w_0 y_1)) t_0_1) (- (+ b_1 (* w_0 y_1)) t_0_1))) (+ (* (- (+ b_0 (* w_0 x_0_0)) t_0_0) (- (+ b_0 (* w_0 x_0_0)) t_0_0)) (* (- (+ b_1 (* w_0 x_0_1)) t_0_1) (- (+ b_1 (* w_0 x_0_1)) t_0_1)))) (- (- (+ (* (+ b_0 (* w_0 y_0)) (+ b_0 (* w_0 y_0))) (* (+ b_1 (* w_0 y_1)) (+ b_1 (* w_0 y_1)))) (+ (* 2.0 w_0 t_0_0 y_0) (* 2.0 w_0 t_0_1 y_1))) (- (+ (* (+ b_0 (* w_0 x_0_0)) (+ b_0 (* w_0 x_0_0))) (* (+ b_1 (* w_0 x_0_1)) (+ b_1 (* w_0 x_0_1)))) (+ (* 2.0 w_0 t_0_0 x_0_0) (* 2.0 w_0 t_0_1 x_0_1)))))))
(check-sat)
(exit)
