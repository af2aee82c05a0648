; The structure identity, n = 1 players, d = 2; all parameters symbolic (weights, targets, background b).
; Phi(x) = |xhat|^2 - 2 sum_k w_k t_k.x_k, xhat = b + sum_k w_k x_k; s is a second profile (the solver's x*).
; negation: Phi(x) - Phi(s) != |xhat - shat|^2 - 2 sum_k w_k (t_k - shat).(x_k - s_k).
; expected: unsat
(set-logic QF_NRA)
(declare-fun b_0 () Real)
(declare-fun b_1 () Real)
(declare-fun w_0 () Real)
(declare-fun t_0_0 () Real)
(declare-fun x_0_0 () Real)
(declare-fun s_0_0 () Real)
(declare-fun t_0_1 () Real)
(declare-fun x_0_1 () Real)
(declare-fun s_0_1 () Real)
(assert (not (= (- (- (+ (* (+ b_0 (* w_0 x_0_0)) (+ b_0 (* w_0 x_0_0))) (* (+ b_1 (* w_0 x_0_1)) (+ b_1 (* w_0 x_0_1)))) (+ (* 2.0 w_0 t_0_0 x_0_0) (* 2.0 w_0 t_0_1 x_0_1))) (- (+ (* (+ b_0 (* w_0 s_0_0)) (+ b_0 (* w_0 s_0_0))) (* (+ b_1 (* w_0 s_0_1)) (+ b_1 (* w_0 s_0_1)))) (+ (* 2.0 w_0 t_0_0 s_0_0) (* 2.0 w_0 t_0_1 s_0_1)))) (- (+ (* (- (+ b_0 (* w_0 x_0_0)) (+ b_0 (* w_0 s_0_0))) (- (+ b_0 (* w_0 x_0_0)) (+ b_0 (* w_0 s_0_0)))) (* (- (+ b_1 (* w_0 x_0_1)) (+ b_1 (* w_0 s_0_1))) (- (+ b_1 (* w_0 x_0_1)) (+ b_1 (* w_0 s_0_1))))) (+ (* 2.0 w_0 (- t_0_0 (+ b_0 (* w_0 s_0_0))) (- x_0_0 s_0_0)) (* 2.0 w_0 (- t_0_1 (+ b_1 (* w_0 s_0_1))) (- x_0_1 s_0_1)))))))
(check-sat)
(exit)
