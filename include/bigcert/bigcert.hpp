// bigcert as a library, in one header: what the command-line tool and the Python module call. Read top to
// bottom it is the manual of the four steps (docs/cli.md has the commands, docs/model.md the mathematics).
//
//   InstanceSource source = InstanceSource::file("game.json");
//   Instance game = source.load();                           // 1. load
//   Solution answer = solve(game);                           // 2. solve
//   CertifyResult proof = certify(game, {...});              // 3. certify: Z3 proves it from the definition
//   CheckResult verdicts = check(game, {...});               // 4. check: properties of every equilibrium
//
// Errors are typed (errors.hpp): InputError names the JSON path or option (the CLI exits 2), LimitError the
// limit (exit 5), UnsupportedError a variant that is not built, Cancelled a stop or --time-limit,
// InternalError a failed internal check (nothing is reported then).
#pragma once

#include <ostream>

#include "bigcert/certify/certification.hpp"  // 3, 4: certify(), check(), for every game kind
#include "bigcert/core/errors.hpp"            // the typed errors above
#include "bigcert/core/instance.hpp"          // the game model (docs/model.md §1)
#include "bigcert/core/solution.hpp"          // the exact answer
#include "bigcert/io/instance_source.hpp"     // 1: a file, standard input or a text; load()
#include "bigcert/io/solution_writer.hpp"     // FORMAT.md's solution object and the text table
#include "bigcert/solver/solve_to_json.hpp"   // 2': `solve --json` in machine integers
#include "bigcert/solver/solver.hpp"          // 2: solve()
