// Compiled twice by tests/CMakeLists.txt: with the certify layer's include root (it compiles) and with the
// solver layer's (it must not: certify sits above solver, docs/internals.md "Layers").
#include "bigcert/certify/proof_observer.hpp"
