; bigcert certify: player 1 (index 1) of instance "three-players-triangle"
; method: definition of equilibrium (nonlinear)
; claim: exists y in X_i with |x̂ - w_i x_i + w_i y - t_i|^2 < |x̂ - t_i|^2
; expected: unsat (no deviation in the player's set lowers its loss)
(set-logic QF_NRA)
(declare-fun y0 () Real)
(declare-fun y1 () Real)
(assert (! (<= (* (- 1.0) y1) 0.0) :named in_set_0))
(assert (! (<= (+ y0 y1) 1.0) :named in_set_1))
(assert (! (<= (* (- 1.0) y0) 0.0) :named in_set_2))
(assert (! (< (+ (* (+ (/ 1.0 3.0) (* (/ 1.0 3.0) y0)) (+ (/ 1.0 3.0) (* (/ 1.0 3.0) y0))) (* (+ (- 1.0) (* (/ 1.0 3.0) y1)) (+ (- 1.0) (* (/ 1.0 3.0) y1)))) (/ 5.0 9.0)) :named improves))
(check-sat)
(exit)
