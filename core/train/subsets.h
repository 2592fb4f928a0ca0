#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace winnow::core {

class Database;

// Long-tailed benchmark subset of a project's training split (METHODS §11): the ids of the
// labelled, readable train samples to LEAVE OUT so class k keeps
// n_k = floor(n_max · ρ^(−k/(K−1))) samples (k = the class's model index), chosen with `seed`.
// Nothing is deleted: pass the list as TrainConfig::excludeIds (or `train --exclude-file`).
std::vector<int64_t> longTailExcludeIds(Database& db, double rho, uint64_t seed);

// A run trained on a random `--subset` records the ids of the samples it trained on in its
// outputs folder (runs/<id>/train_ids.txt, an id list as below), so the detectors score
// exactly those samples (issue 16, bug 14).
inline constexpr const char* kTrainIdsFile = "train_ids.txt";

// Plain-text id lists, one id per line ('#' starts a comment). Throws Error naming the file.
std::vector<int64_t> readIdList(const std::filesystem::path& file);
void writeIdList(const std::filesystem::path& file, const std::vector<int64_t>& ids);

}  // namespace winnow::core
