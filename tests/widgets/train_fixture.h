// A project small enough to train and score inside a widget test: 8×8 PNGs in an image
// folder, class k a bright band in rows [2k, 2k+2) plus noise, 20 training and 4 test
// images per class.
#pragma once
#include <QDir>
#include <QImage>
#include <QString>
#include <filesystem>
#include <random>

#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/train/trainer.h"

namespace train_fixture {

inline std::filesystem::path makeImageFolderProject(const QString& root) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> noise(0, 50);
    const char* names[3] = {"ant", "bee", "cat"};
    for (int s = 0; s < 2; ++s)
        for (int k = 0; k < 3; ++k) {
            const QString dir = root + (s ? "/test/" : "/train/") + names[k];
            QDir().mkpath(dir);
            for (int i = 0; i < (s ? 4 : 20); ++i) {
                QImage img(8, 8, QImage::Format_RGB32);
                for (int y = 0; y < 8; ++y)
                    for (int x = 0; x < 8; ++x) {
                        const int v = noise(rng) + ((y >= 2 * k && y < 2 * k + 2) ? 190 : 0);
                        img.setPixel(x, y, qRgb(v, v, v));
                    }
                img.save(QStringLiteral("%1/%2_%3.png").arg(dir).arg(names[k]).arg(i));
            }
        }
    const std::filesystem::path file = (root + "/p.winnow").toStdString();
    auto project = winnow::core::Project::create(file);
    for (int s = 0; s < 2; ++s) {
        winnow::core::ImportOptions o;
        o.format = "imagefolder";
        o.source = (root + (s ? "/test" : "/train")).toStdString();
        o.split = s ? winnow::core::Split::Test : winnow::core::Split::Train;
        winnow::core::importDataset(*project, o);
    }
    return file;
}

// Two quick CPU epochs; returns the run id.
inline int64_t trainTiny(const std::filesystem::path& file) {
    winnow::core::TrainConfig cfg;
    cfg.epochs = 2;
    cfg.batchSize = 16;
    cfg.lr = 0.05;
    cfg.threads = 1;
    cfg.loaderThreads = 1;
    cfg.device = "cpu";
    auto project = winnow::core::Project::open(file);
    return winnow::core::trainRun(*project, cfg, {}).runId;
}

}  // namespace train_fixture
