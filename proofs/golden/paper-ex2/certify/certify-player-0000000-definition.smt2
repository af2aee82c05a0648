; bigcert certify: player 0 (index 0) of instance "paper-example-2"
; method: definition of equilibrium (nonlinear)
; claim: exists y in X_i with |x̂ - w_i x_i + w_i y - t_i|^2 < |x̂ - t_i|^2
; expected: unsat (no deviation in the player's set lowers its loss)
(set-logic QF_NRA)
(declare-fun y0 () Real)
(declare-fun y1 () Real)
(assert (! (<= (* (- 1.0) y1) 1.0) :named in_set_0))
(assert (! (<= y0 1.0) :named in_set_1))
(assert (! (<= y1 1.0) :named in_set_2))
(assert (! (<= (* (- 1.0) y0) 1.0) :named in_set_3))
(assert (! (< (+ (* (+ (- (/ 3.0 2.0)) (* (/ 1.0 2.0) y0)) (+ (- (/ 3.0 2.0)) (* (/ 1.0 2.0) y0))) (* (+ 0.0 (* (/ 1.0 2.0) y1)) (+ 0.0 (* (/ 1.0 2.0) y1)))) 1.0) :named improves))
(check-sat)
(exit)
