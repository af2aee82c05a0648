; Theorem 1 (exact potential), n = 4 players, d = 1, deviating player 3; all parameters symbolic.
; Phi(x) = |xhat|^2 - 2 sum_k w_k t_k.x_k, xhat = b + sum_k w_k x_k, l_i = |xhat - t_i|^2.
; negation: some parameters, profile and deviation y of player i with l_i(y) - l_i(x) != Phi(y) - Phi(x).
; expected: unsat
(set-logic QF_NRA)
(declare-fun w_0 () Real)
(declare-fun t_0_0 () Real)
(declare-fun x_0_0 () Real)
(declare-fun w_1 () Real)
(declare-fun t_1_0 () Real)
(declare-fun x_1_0 () Real)
(declare-fun w_2 () Real)
(declare-fun t_2_0 () Real)
(declare-fun x_2_0 () Real)
(declare-fun w_3 () Real)
(declare-fun t_3_0 () Real)
(declare-fun x_3_0 () Real)
(declare-fun b_0 () Real)
(declare-fun y_0 () Real)
(assert (not (= (- (* (- (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 y_0)) t_3_0) (- (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 y_0)) t_3_0)) (* (- (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 x_3_0)) t_3_0) (- (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 x_3_0)) t_3_0))) (- (- (* (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 y_0)) (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 y_0))) (+ (* 2.0 w_0 t_0_0 x_0_0) (* 2.0 w_1 t_1_0 x_1_0) (* 2.0 w_2 t_2_0 x_2_0) (* 2.0 w_3 t_3_0 y_0))) (- (* (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 x_3_0)) (+ b_0 (* w_0 x_0_0) (* w_1 x_1_0) (* w_2 x_2_0) (* w_3 x_3_0))) (+ (* 2.0 w_0 t_0_0 x_0_0) (* 2.0 w_1 t_1_0 x_1_0) (* 2.0 w_2 t_2_0 x_2_0) (* 2.0 w_3 t_3_0 x_3_0)))))))
(check-sat)
(exit)
