#pragma once
// What the retrieval commands share: one stored result row as JSON. (--model values go to
// core::openDualEncoder, through core::runRetrievalRequest.)
#include <string>

#include <nlohmann/json.hpp>

#include "core/retrieval/retrieval_store.h"

namespace winnow::cli {

// A stored result row: run, attack, direction, seed (when any) and every metric.
nlohmann::json resultJson(const core::RetrievalResultRow& r);

}  // namespace winnow::cli
