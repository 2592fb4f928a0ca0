// Shared by the review widget tests: a small project whose samples match synthetic
// ReviewData (ids 1..n, the data's given labels), with tiny PNG files as media.
#pragma once
#include <QImage>
#include <QString>
#include <filesystem>

#include "core/store/project.h"
#include "widgets/review/review_data.h"

namespace review_fixture {

inline void makeProject(const std::filesystem::path& file, const std::filesystem::path& media,
                        const winnow::widgets::ReviewData& d) {
    using namespace winnow::core;
    std::filesystem::create_directories(media);
    auto p = Project::create(file);
    auto& db = p->db();
    Transaction tx(db);
    auto cls = db.prepare("INSERT INTO classes(idx,name) VALUES(?,?)");
    for (int k = 0; k < d.classes; ++k) cls.bind(1, k).bind(2, d.classNames[k].toStdString()).run();
    auto st = db.prepare(
        "INSERT INTO samples(id,media_kind,path,split,label,original_label,width,height)"
        " VALUES(?,0,?,0,(SELECT id FROM classes WHERE idx=?),(SELECT id FROM classes WHERE idx=?),8,8)");
    for (int64_t r = 0; r < d.n; ++r) {
        const auto f = media / ("s" + std::to_string(d.ids[size_t(r)]) + ".png");
        QImage img(8, 8, QImage::Format_RGB32);
        img.fill(QColor::fromHsv(int(r * 37) % 360, 200, 200));
        img.save(QString::fromStdString(f.string()));
        st.bind(1, d.ids[size_t(r)]).bind(2, f.string()).bind(3, d.given[size_t(r)]);
        st.bind(4, d.original[size_t(r)]).run();
    }
    tx.commit();
}

}  // namespace review_fixture
