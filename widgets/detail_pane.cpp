#include "widgets/detail_pane.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/dataset/sample_store.h"
#include "core/dataset/image_loader.h"
#include "core/review/label_history.h"
#include "core/store/project.h"
#include "widgets/thumbnail_cache.h"

namespace winnow::widgets {

namespace {
QImage toQImage(const core::Image& img) {
    if (img.empty() || (img.channels != 1 && img.channels != 3)) return {};
    const QImage::Format fmt =
        img.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888;
    return QImage(img.pixels.data(), img.width, img.height, img.width * img.channels, fmt)
        .convertToFormat(QImage::Format_RGB32);
}

QString kindText(core::MediaKind k) {
    switch (k) {
    case core::MediaKind::ImageFile: return DetailPane::tr("image file");
    case core::MediaKind::ArrayRecord: return DetailPane::tr("array record");
    case core::MediaKind::VideoClip: return DetailPane::tr("video clip");
    }
    return {};
}

QString splitText(core::Split s) {
    switch (s) {
    case core::Split::Train: return DetailPane::tr("train");
    case core::Split::Val: return DetailPane::tr("val");
    case core::Split::Test: return DetailPane::tr("test");
    }
    return {};
}

QTableWidget* makeTable(int columns, const QStringList& headers, QWidget* parent) {
    auto* t = new QTableWidget(0, columns, parent);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionMode(QAbstractItemView::NoSelection);
    return t;
}
}  // namespace

DetailPane::DetailPane(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    m_image = new QLabel(this);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumSize(120, 120);
    m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_image->setText(tr("No sample selected"));
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->hide();
    m_fields = makeTable(2, {tr("Field"), tr("Value")}, this);
    m_history = makeTable(5, {tr("Version"), tr("Date"), tr("Old"), tr("New"), tr("Action")}, this);
    m_fields->horizontalHeader()->setVisible(false);
    m_fields->setShowGrid(false);
    m_fields->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_history->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Room for the usual seven metadata rows without scrolling.
    m_fields->setMinimumHeight(7 * (fontMetrics().height() + 10) + 4);
    m_history->setMaximumHeight(6 * (fontMetrics().height() + 10));
    m_moreLikeThis = new QPushButton(tr("&More like this"), this);
    m_moreLikeThis->setObjectName(QStringLiteral("detailMoreLikeThis"));
    m_moreLikeThis->setToolTip(tr("The most similar samples, from the newest issues scan"));
    m_moreLikeThis->setEnabled(false);
    m_moreLikeThis->setMinimumWidth(1);  // never what sets the dock's minimum width
    connect(m_moreLikeThis, &QPushButton::clicked, this, [this] {
        if (m_detail.id >= 0) Q_EMIT moreLikeThisRequested(m_detail.id);
    });
    layout->addWidget(m_image, 2);
    layout->addWidget(m_error);
    layout->addWidget(m_fields, 3);
    // Beside the history's title, so the pane needs no extra height (it fits 1366×768).
    auto* historyRow = new QHBoxLayout;
    historyRow->setContentsMargins(0, 0, 0, 0);
    historyRow->addWidget(new QLabel(tr("Label history"), this));
    historyRow->addStretch(1);
    historyRow->addWidget(m_moreLikeThis);
    layout->addLayout(historyRow);
    layout->addWidget(m_history, 1);
}

void DetailPane::setProject(const std::filesystem::path& projectFile) {
    m_project = projectFile;
    ++m_version;
    apply(SampleDetail());
}

SampleDetail DetailPane::gather(const std::filesystem::path& projectFile, qint64 id) {
    SampleDetail d;
    d.id = id;
    try {
        auto project = core::Project::openReadOnly(projectFile);
        auto& db = project->db();
        core::SampleStore store(db);
        auto s = store.sample(id);
        if (!s) {
            d.error = tr("Sample %1 does not exist.").arg(id);
            return d;
        }
        const auto classes = store.classes();
        auto className = [&](int idx) {
            for (const auto& c : classes)
                if (c.idx == idx) return QString::fromStdString(c.name);
            return tr("(none)");
        };
        d.fields << qMakePair(tr("Id"), QString::number(s->id))
                 << qMakePair(tr("Label"), className(s->labelIdx))
                 << qMakePair(tr("Split"), splitText(s->split))
                 << qMakePair(tr("Kind"), kindText(s->kind))
                 << qMakePair(tr("Path"), QString::fromStdString(s->path));
        if (s->kind == core::MediaKind::ArrayRecord)
            d.fields << qMakePair(tr("Record"), QString::number(s->itemIndex));
        if (s->kind == core::MediaKind::VideoClip)
            d.fields << qMakePair(tr("Frames"),
                                  QStringLiteral("%1–%2").arg(s->frameStart).arg(s->frameEnd));
        if (s->width > 0)
            d.fields << qMakePair(tr("Size"), QStringLiteral("%1 × %2").arg(s->width).arg(s->height));
        if (s->originalLabelIdx >= 0)
            d.fields << qMakePair(tr("Original label"), className(s->originalLabelIdx));
        d.fields << qMakePair(tr("Trusted"), s->trusted ? tr("yes") : tr("no"));

        for (const auto& h : core::labelHistory(*project, int64_t(id))) {
            QStringList row;
            for (const std::string* c : {&h.version, &h.createdAt, &h.oldClass, &h.newClass, &h.action})
                row << QString::fromStdString(*c);
            d.history << row;
        }

        if (s->status != core::SampleStatus::Ok) {
            d.error = tr("Unreadable at import: %1").arg(QString::fromStdString(s->error));
        } else {
            if (s->kind == core::MediaKind::VideoClip) {
                d.image = toQImage(clipThumbnail(*s, 0));
            } else {
                core::ImageLoader loader(db);
                d.image = toQImage(loader.load(*s));
            }
            if (d.image.isNull()) d.error = tr("This sample has no displayable image.");
        }
    } catch (const std::exception& e) {
        d.error = QString::fromUtf8(e.what());
    }
    return d;
}

void DetailPane::showSample(qint64 sampleId) {
    const quint64 version = ++m_version;
    if (sampleId < 0 || m_project.empty()) {
        apply(SampleDetail());
        return;
    }
    auto* watcher = new QFutureWatcher<SampleDetail>(this);
    connect(watcher, &QFutureWatcher<SampleDetail>::finished, this, [this, watcher] {
        SampleDetail d = watcher->result();
        watcher->deleteLater();
        if (d.version == m_version) apply(d);  // else the user moved on: stale
    });
    const auto project = m_project;
    watcher->setFuture(QtConcurrent::run([project, sampleId, version] {
        SampleDetail d = gather(project, sampleId);
        d.version = version;
        return d;
    }));
}

void DetailPane::apply(const SampleDetail& d) {
    m_detail = d;
    m_moreLikeThis->setEnabled(d.id >= 0);
    m_error->setVisible(!d.error.isEmpty());
    m_error->setText(d.error);
    m_fields->setRowCount(int(d.fields.size()));
    for (int r = 0; r < d.fields.size(); ++r) {
        m_fields->setItem(r, 0, new QTableWidgetItem(d.fields[r].first));
        m_fields->setItem(r, 1, new QTableWidgetItem(d.fields[r].second));
    }
    m_fields->resizeColumnToContents(0);
    m_history->setRowCount(int(d.history.size()));
    for (int r = 0; r < d.history.size(); ++r)
        for (int c = 0; c < 5 && c < d.history[r].size(); ++c)
            m_history->setItem(r, c, new QTableWidgetItem(d.history[r][c]));
    updateImage();
    if (d.id >= 0) Q_EMIT detailShown(d.id);
}

void DetailPane::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    updateImage();
}

void DetailPane::updateImage() {
    if (m_detail.image.isNull()) {
        m_image->setPixmap(QPixmap());
        m_image->setText(m_detail.id < 0 ? tr("No sample selected") : QString());
        return;
    }
    const QSize area = m_image->size();
    const QImage& img = m_detail.image;
    // Small images (28×28) are enlarged with nearest-neighbour so pixels stay crisp.
    const bool tiny = img.width() * 3 < area.width() && img.height() * 3 < area.height();
    m_image->setPixmap(QPixmap::fromImage(img.scaled(
        area, Qt::KeepAspectRatio, tiny ? Qt::FastTransformation : Qt::SmoothTransformation)));
}

}  // namespace winnow::widgets
