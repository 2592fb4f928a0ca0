#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/media (video): probe results per video file, filled at import.
const char* migration004Video() {
    return R"SQL(
CREATE TABLE videos (
  path       TEXT PRIMARY KEY,
  duration   REAL,
  fps        REAL,
  frames     INTEGER,
  width      INTEGER,
  height     INTEGER,
  codec      TEXT,
  pix_fmt    TEXT,
  rotation   INTEGER NOT NULL DEFAULT 0
);
)SQL";
}

}  // namespace winnow::core
