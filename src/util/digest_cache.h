// SHA-256 of large files (model weights), remembered between runs: hashing 1.1 GB costs
// about a second on 2 cores, every run. The digest is keyed by the file's canonical path,
// size, device, inode, modification and change times (ctime, which `touch` cannot set
// back), so a changed file is hashed again; a cached value that is not a SHA-256 is ignored.
#pragma once
#include <string>

namespace nsmlab {

// $NSMLAB_CACHE, else $XDG_CACHE_HOME/nsmlab, else ~/.cache/nsmlab ("" if none can be found).
std::string nsmlab_cache_dir();

// sha256_file_hex(path), read from the cache when the file is unchanged. The cache is only an
// optimisation: if it cannot be read or written, the digest is computed and nothing fails.
std::string sha256_file_hex_cached(const std::string& path);

}  // namespace nsmlab
