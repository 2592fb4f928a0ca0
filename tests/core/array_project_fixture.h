// A tiny array-backed project a widget test can really train on: 3 classes of 8x8 grey
// images (class k has a bright band in rows [3k, 3k+2)), `perClass` train samples per class
// of which every 10th carries a wrong label (original_label keeps the truth, so it is a
// self-test project), the first 8 correct ones per class trusted, plus 10 val and 10 test
// per class. Training one epoch on it takes a second or two.
#pragma once
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/dataset/sample_store.h"
#include "core/media/image.h"
#include "core/influence/project_scoring.h"
#include "core/store/project.h"
#include "core/train/train_config.h"
#include "core/train/trainer.h"

namespace array_fixture {

struct Made {
    int64_t trainCount = 0;
    int64_t noisyCount = 0;
};

inline Made makeArrayProject(const std::filesystem::path& file, int perClass = 100) {
    using namespace winnow::core;
    auto p = Project::create(file);
    SampleStore store(p->db());
    int64_t cls[3];
    for (int k = 0; k < 3; ++k) cls[k] = store.ensureClass("c" + std::to_string(k));
    struct Row { int truth, label, split, trusted; };
    std::vector<Row> rows;
    Made made;
    for (int split = 0; split < 3; ++split)
        for (int k = 0; k < 3; ++k)
            for (int i = 0; i < (split == 0 ? perClass : 10); ++i) {
                const bool noisy = split == 0 && i % 10 == 9;
                rows.push_back({k, noisy ? (k + 1) % 3 : k, split, split == 0 && i < 8 ? 1 : 0});
                made.trainCount += split == 0;
                made.noisyCount += noisy;
            }
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> noise(0, 60);
    std::vector<uint8_t> px(rows.size() * 64);
    for (size_t r = 0; r < rows.size(); ++r)
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 8; ++x)
                px[r * 64 + size_t(y * 8 + x)] =
                    uint8_t(noise(rng) + ((y >= 3 * rows[r].truth && y < 3 * rows[r].truth + 2) ? 180 : 0));
    std::filesystem::create_directories(p->cacheDir());
    std::ofstream(p->cacheDir() / "fixture.u8", std::ios::binary)
        .write(reinterpret_cast<const char*>(px.data()), std::streamsize(px.size()));
    p->db().exec("INSERT INTO arrays(id, source, cache_file, count, height, width, channels) VALUES(1, 'fixture', "
                 "'fixture.u8', " + std::to_string(rows.size()) + ", 8, 8, 1)");
    Transaction tx(p->db());
    auto ins = p->db().prepare(
        "INSERT INTO samples(media_kind, path, array_id, item_index, split, label, original_label, trusted,"
        " width, height) VALUES(1, '/fixture', 1, ?, ?, ?, ?, ?, 8, 8)");
    for (size_t r = 0; r < rows.size(); ++r)
        ins.bind(1, int64_t(r)).bind(2, rows[r].split).bind(3, cls[rows[r].label]).bind(4, cls[rows[r].truth])
            .bind(5, rows[r].trusted).run();
    tx.commit();
    return made;
}

// Record `record`'s 8x8 grey pixels read straight from the fixture's array file (not through
// ImageLoader), for tests that check what a loader or encoder made of them.
inline winnow::core::Image recordImage(const std::filesystem::path& cacheDir, int64_t record) {
    std::ifstream in(cacheDir / "fixture.u8", std::ios::binary);
    in.seekg(std::streamoff(record * 64));
    winnow::core::Image im;
    im.width = im.height = 8;
    im.channels = 1;
    im.pixels.resize(64);
    in.read(reinterpret_cast<char*>(im.pixels.data()), 64);
    return im;
}

inline winnow::core::TrainConfig tinyConfig(int epochs = 1) {
    winnow::core::TrainConfig c;
    c.epochs = epochs;
    c.batchSize = 32;
    c.lr = 0.05;
    c.threads = 2;
    c.cropPadding = 1;
    c.seed = 3;
    c.loaderThreads = 1;
    return c;
}

// Trains one tiny epoch on the project and scores it with `detector`; returns the scoring id.
inline int64_t trainAndScore(const std::filesystem::path& file, const char* detector) {
    auto p = winnow::core::Project::open(file);
    winnow::core::trainRun(*p, tinyConfig(1), {});
    winnow::core::ScoreRequest r;
    r.detector = detector;
    return winnow::core::scoreProject(*p, r).scoringId;
}

}  // namespace array_fixture
