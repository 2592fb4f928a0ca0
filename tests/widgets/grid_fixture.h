#pragma once
// Small image projects for widget tests, written with plain SQL so the tests do not depend
// on the importers.
#include <QColor>
#include <QDir>
#include <QImage>
#include <QString>
#include <filesystem>
#include <vector>

#include "core/store/database.h"
#include "core/store/project.h"

namespace winnow::testing {

struct FixtureSample {
    QColor color;     // solid fill of the image file
    QSize size;       // pixel size
    int classIdx = 0;
    int split = 0;
    bool corrupt = false;  // write garbage instead of a PNG
};

// Creates <dir>/p.winnow with classes c0..c(k-1) and one PNG per sample under <dir>/img.
// Returns the sample ids in order.
inline std::vector<int64_t> makeImageProject(const QString& dir, const std::vector<FixtureSample>& samples,
                                             int classCount) {
    const std::filesystem::path file = (dir + "/p.winnow").toStdString();
    auto project = core::Project::create(file);
    auto& db = project->db();
    QDir().mkpath(dir + "/img");
    for (int c = 0; c < classCount; ++c) {
        auto st = db.prepare("INSERT INTO classes(idx, name) VALUES(?, ?)");
        st.bind(1, c).bind(2, QStringLiteral("c%1").arg(c).toStdString()).run();
    }
    std::vector<int64_t> ids;
    core::Transaction tx(db);
    auto ins = db.prepare(
        "INSERT INTO samples(media_kind, path, split, label, status, width, height)"
        " VALUES(0, ?, ?, (SELECT id FROM classes WHERE idx=?), 0, ?, ?)");
    for (size_t i = 0; i < samples.size(); ++i) {
        const auto& s = samples[i];
        const QString path = QStringLiteral("%1/img/s%2.png").arg(dir).arg(i);
        if (s.corrupt) {
            QFile f(path);
            f.open(QIODevice::WriteOnly);
            f.write("\x89PNG\r\n\x1a\n this is not really a png");
        } else {
            QImage img(s.size, QImage::Format_RGB32);
            img.fill(s.color);
            img.save(path, "PNG");
        }
        ins.bind(1, path.toStdString()).bind(2, s.split).bind(3, s.classIdx)
            .bind(4, s.size.width()).bind(5, s.size.height());
        ins.run();
        ids.push_back(db.lastInsertId());
    }
    tx.commit();
    return ids;
}

inline std::filesystem::path projectFile(const QString& dir) {
    return (dir + "/p.winnow").toStdString();
}

}  // namespace winnow::testing
