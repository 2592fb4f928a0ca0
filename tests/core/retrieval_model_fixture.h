#pragma once
// CLIP-shaped TorchScript dual encoders made at test time by retrieval_make_models.py with
// Debian's python3-torch, and the embeddings PyTorch computes for known inputs (expected.json).
// Without /usr/bin/python3 (or $WINNOW_TEST_PYTHON), torch or the shared CLIP data, skipReason
// says why (tests QSKIP).
#include <QProcess>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/media/image.h"

namespace winnow::test {

struct RetrievalModels {
    std::filesystem::path dir;
    nlohmann::json expected;
    QString skipReason;  // empty: the models are there
    QString failure;     // python and torch are there but the script failed: a test failure
    std::filesystem::path operator/(const char* name) const { return dir / name; }
};

inline RetrievalModels makeRetrievalModels(const std::filesystem::path& out) {
    RetrievalModels m;
    m.dir = out;
    const std::filesystem::path golden = std::filesystem::path(WINNOW_SHARED_DATA) / "clip" / "golden_tokens.jsonl";
    const QString python = qEnvironmentVariable("WINNOW_TEST_PYTHON", "/usr/bin/python3");
    if (!std::filesystem::exists(python.toStdString())) {
        m.skipReason = python + " is missing (needed with python3-torch to make the test models)";
        return m;
    }
    QProcess probe;
    probe.start(python, {"-c", "import torch"});
    probe.waitForFinished(120000);
    if (probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
        m.skipReason = "python3 cannot import torch (install python3-torch): " +
                       QString::fromUtf8(probe.readAllStandardError()).trimmed();
        return m;
    }
    if (!std::filesystem::exists(golden)) {
        m.skipReason = "CLIP data missing: " + QString::fromStdString(golden.string());
        return m;
    }
    QProcess p;
    p.start(python, {QString(WINNOW_SOURCE_DIR) + "/tests/core/retrieval_make_models.py",
                                 QString::fromStdString(out.string()), QString::fromStdString(golden.string())});
    p.waitForFinished(300000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        // Not a skip: python and torch are there, so the script itself failed.
        m.failure = "retrieval_make_models.py failed: " + QString::fromUtf8(p.readAllStandardError());
        m.skipReason = m.failure;
        return m;
    }
    std::ifstream in(out / "expected.json");
    m.expected = nlohmann::json::parse(in);
    return m;
}

// Image k of expected.json: pixel(x, y, c) = (x * 7 + y * 13 + c * 29 + k * 31) % 256, 8x8, RGB
// or grey (c = 0).
inline core::Image formulaImage(int k, int channels, int size = 8) {
    core::Image im;
    im.width = im.height = size;
    im.channels = channels;
    im.pixels.resize(size_t(size * size * channels));
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            for (int c = 0; c < channels; ++c)
                im.pixels[size_t((y * size + x) * channels + c)] = uint8_t((x * 7 + y * 13 + c * 29 + k * 31) % 256);
    return im;
}

}  // namespace winnow::test
