; bigcert check potential (Theorem 1), player 0
; z: the receiver without player i (free); c: -2 sum_{k != i} w_k t_k.x_k (free, equal on both sides)
; negation: some x, y with l_i(y) - l_i(x) != Phi(y) - Phi(x)
; expected: unsat
(set-logic QF_NRA)
(declare-fun c () Real)
(declare-fun z_0 () Real)
(declare-fun x_0 () Real)
(declare-fun y_0 () Real)
(assert (! (not (= (- (* (- (+ z_0 (* (/ 1.0 2.0) y_0)) 1.0) (- (+ z_0 (* (/ 1.0 2.0) y_0)) 1.0)) (* (- (+ z_0 (* (/ 1.0 2.0) x_0)) 1.0) (- (+ z_0 (* (/ 1.0 2.0) x_0)) 1.0))) (- (+ (- (* (+ z_0 (* (/ 1.0 2.0) y_0)) (+ z_0 (* (/ 1.0 2.0) y_0))) (* 2.0 (/ 1.0 2.0) 1.0 y_0)) c) (+ (- (* (+ z_0 (* (/ 1.0 2.0) x_0)) (+ z_0 (* (/ 1.0 2.0) x_0))) (* 2.0 (/ 1.0 2.0) 1.0 x_0)) c)))) :named negation))
(check-sat)
(exit)
