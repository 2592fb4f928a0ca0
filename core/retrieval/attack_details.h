#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace winnow::core {

// The EI of the words of one attacked ground-truth caption, read back from the details file
// a caption attack writes beside its captions (captionAttackDetailsJson, NAME.attack.json).
struct CaptionInfluence {
    std::string normalised;            // the caption as normalised before the attack
    std::vector<std::string> words;
    std::vector<float> ei;             // EI(w) per word, for `encoder`
    std::string encoder;               // identity of the encoder the EI belongs to
    int chosen = -1;                   // the swapped word's position (-1: the caption was skipped)
    std::string skipped;               // the skip reason, when skipped
};

// Per image name and ground-truth caption index, with EI for every encoder of the attack.
struct CaptionAttackDetails {
    std::vector<std::string> encoders;
    struct Record {
        std::string normalised;
        std::vector<std::string> words;
        std::vector<std::vector<float>> ei;  // [encoder][word]
        int chosen = -1;
        std::string skipped;
    };
    std::map<std::pair<std::string, int>, Record> records;

    // The record of (image, caption) with the EI of `encoderIdentity` when the attack used it,
    // else of its first encoder. False when there is no such record.
    bool find(const std::string& image, int caption, const std::string& encoderIdentity, CaptionInfluence& out) const;
};

// Throws Error naming the file and the reason (unreadable, not JSON, not a caption-attack
// details file, a record whose EI does not match its words).
CaptionAttackDetails readCaptionAttackDetails(const std::filesystem::path& file);

}  // namespace winnow::core
