// The directory a proof bundle is written to (`--proof-log DIR`). bigcert never deletes or overwrites what it
// did not write: DIR must be absent, empty, or an earlier bigcert bundle (its manifest.json says
// "bigcert-proof-log/1" and it holds only the files that manifest lists); anything else is refused before any
// work is done. The new bundle is written into a fresh sibling directory and renamed into place by commit(),
// so DIR always holds a complete bundle, the old or the new one; a run that does not commit leaves DIR as it
// was.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bigcert/core/cancellation.hpp"

namespace bigcert {

class BundleDirectory {
  public:
    // `option` names the flag in error messages. Throws InputError when `target` may not be replaced.
    BundleDirectory(std::string target, std::string option = "--proof-log");
    ~BundleDirectory();  // removes the staging directory unless committed
    BundleDirectory(const BundleDirectory&) = delete;
    BundleDirectory& operator=(const BundleDirectory&) = delete;

    // Where the files go until commit().
    const std::string& staging() const { return staging_; }
    const std::string& target() const { return target_; }
    // Puts the staging directory in place of the target: with Linux's renameat2(RENAME_EXCHANGE) an old
    // bundle is swapped out in one step; without it (other file systems) the old bundle is renamed aside
    // first, leaving the target absent between two renames. Throws CancelledError instead when the run was
    // cancelled (the target is then untouched).
    void commit();

  private:
    std::string target_, option_, staging_;
    std::optional<RemoveOnAbandon> abandon_;
    bool committed_ = false;
};

// Whether `directory` may be replaced by a new bundle; the reason when not ("" when it may).
std::string bundle_replacement_problem(const std::string& directory);

}  // namespace bigcert
