#include "widgets/review/review_panel.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <cmath>

#include "widgets/review/bar_list_widget.h"
#include "widgets/review/clip_detail.h"
#include "widgets/review/detector_names.h"
#include "widgets/review/similar_samples.h"
#include "widgets/review/similar_strip.h"
#include "widgets/thumbnail_cache.h"
#include "widgets/thumbnail_delegate.h"

namespace winnow::widgets {

namespace {
constexpr int kSimilar = 6;

QString fmt(float v, int prec = 2) {
    return std::isnan(v) ? ReviewPanel::tr("n/a") : QString::number(double(v), 'f', prec);
}
}  // namespace

ReviewPanel::ReviewPanel(QWidget* parent) : QWidget(parent) {
    auto* lay = new QVBoxLayout(this);
    m_imageLabel = new QLabel(this);
    m_imageLabel->setAlignment(Qt::AlignCenter);
    m_imageLabel->setMinimumSize(120, 120);
    // Ignored: the pixmap must not push the bars and neighbours out of view; the image
    // takes whatever height is left.
    m_imageLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_imageLabel->setWordWrap(true);
    m_imageLabel->installEventFilter(this);
    m_imageLabel->setToolTip(tr("Double-click for the large view"));
    m_emptyActions = new QWidget(this);
    m_emptyActions->hide();
    m_clip = new ClipDetail(this);
    m_clip->hide();
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_stats = new QLabel(this);
    m_stats->setWordWrap(true);
    m_top5 = new BarListWidget(this);
    m_osdTitle = new QLabel(tr("OSD per class (tick: μ(G_low) cut)"), this);
    m_osd = new BarListWidget(this);
    m_simGivenTitle = new QLabel(this);
    m_simGiven = new SimilarStrip(this);
    m_simSuggestedTitle = new QLabel(this);
    m_simSuggested = new SimilarStrip(this);
    lay->addWidget(m_imageLabel, 3);
    lay->addWidget(m_emptyActions);
    lay->addWidget(m_clip, 3);
    lay->addWidget(m_header);
    lay->addWidget(new QLabel(tr("Top-5 predictions"), this));
    lay->addWidget(m_top5);
    lay->addWidget(m_stats);
    lay->addWidget(m_osdTitle);
    lay->addWidget(m_osd);
    lay->addWidget(m_simGivenTitle);
    lay->addWidget(m_simGiven);
    lay->addWidget(m_simSuggestedTitle);
    lay->addWidget(m_simSuggested);
    m_watcher = new QFutureWatcher<Similar>(this);
    connect(m_watcher, &QFutureWatcher<Similar>::finished, this, [this] {
        const Similar s = m_watcher->result();
        if (s.sampleId != m_item.sampleId) return;  // the reviewer moved on
        m_simGiven->setItems(s.given, tr("no trusted samples of this class"));
        m_simSuggested->setItems(s.suggested, tr("no trusted samples of this class"));
        Q_EMIT similarShown(s.sampleId);
    });
}

ReviewPanel::~ReviewPanel() { m_watcher->waitForFinished(); }

bool ReviewPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_imageLabel && event->type() == QEvent::MouseButtonDblClick && m_item.sampleId >= 0) {
        Q_EMIT imageDoubleClicked();
        return true;
    }
    // The image is scaled to its label: when the label alone shrinks (the class search opens
    // below, a longer header wraps) the old, larger pixmap would spill over the header.
    if (watched == m_imageLabel && event->type() == QEvent::Resize && !m_image.isNull()) updateImage();
    return QWidget::eventFilter(watched, event);
}

void ReviewPanel::setReviewData(std::shared_ptr<const ReviewData> data) {
    m_data = std::move(data);
    clear();
}

void ReviewPanel::setCaches(ThumbnailCache* large, ThumbnailCache* small) {
    if (m_large) disconnect(m_large.data(), nullptr, this, nullptr);
    m_large = large;
    m_small = small;
    if (large) connect(large, &ThumbnailCache::thumbnailReady, this, &ReviewPanel::onLargeThumbnail);
    m_simGiven->setCache(small);
    m_simSuggested->setCache(small);
}

void ReviewPanel::setEmptyState(const QString& text, const QList<QAction*>& actions) {
    m_emptyText = text;
    delete m_emptyActions->layout();
    for (QWidget* w : m_emptyActions->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly)) delete w;
    auto* row = new QHBoxLayout(m_emptyActions);
    row->setContentsMargins(0, 0, 0, 0);
    row->addStretch(1);
    for (QAction* a : actions) {
        auto* b = new QToolButton(m_emptyActions);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        row->addWidget(b);
    }
    row->addStretch(1);
    updateImage();
}

QString ReviewPanel::imageText() const { return m_imageLabel->text(); }

ThumbnailCache* ReviewPanel::largeCache() const { return m_large; }

void ReviewPanel::setTrustedRows(const QHash<int, QVector<int>>& byClass) {
    m_trustedByClass = byClass;
}

QString ReviewPanel::className(int idx) const {
    if (!m_data || idx < 0) return tr("(none)");
    return idx < m_data->classNames.size() ? m_data->classNames[idx] : QString::number(idx);
}

void ReviewPanel::clear() {
    m_item = ReviewItem();
    m_imageShown = false;
    m_image = QImage();
    m_imageLabel->clear();
    m_clip->clear();
    m_header->clear();
    m_stats->clear();
    m_top5->setBars({}, 0, 1);
    m_osd->setBars({}, 0, 1);
    m_simGiven->setItems({}, {});
    m_simSuggested->setItems({}, {});
    updateImage();
}

void ReviewPanel::showItem(int dataRow, const QString& decisionText) {
    if (!m_data || dataRow < 0 || dataRow >= m_data->n) return clear();
    m_item = m_data->item(dataRow);
    const ReviewItem& it = m_item;
    const bool clip = m_clip->showSample(it.sampleId);
    m_clip->setVisible(clip);
    m_imageLabel->setVisible(!clip);
    QString header = tr("<b>#%1</b> &nbsp; given: <b>%2</b>").arg(it.sampleId).arg(className(it.given).toHtmlEscaped());
    if (it.suggested >= 0)
        header += tr(" &nbsp; suggested: <b>%1</b> (%2)")
                      .arg(className(it.suggested).toHtmlEscaped())
                      .arg(double(it.suggestionProb), 0, 'f', 2);
    if (it.original >= 0)
        header += tr(" &nbsp; truth: %1").arg(className(it.original).toHtmlEscaped());
    if (!decisionText.isEmpty()) header += tr(" &nbsp; decision: <i>%1</i>").arg(decisionText.toHtmlEscaped());
    if (it.trusted) header += tr(" &nbsp; ✓ trusted");
    m_header->setText(header);
    m_stats->setText(tr("score %1 · OSM %2 · consensus %3/%4 · posterior %5 · loss %6 · %7")
                         .arg(fmt(it.score), fmt(it.osm))
                         .arg(it.consensus)
                         .arg(m_data->classes)
                         .arg(fmt(it.posterior), fmt(it.loss), DetectorNames::displayName(m_data->detector)));
    if (size_t(dataRow) < m_data->reason.size() && !m_data->reason[size_t(dataRow)].isEmpty())
        m_stats->setText(tr("score %1 · %2").arg(fmt(it.score), m_data->reason[size_t(dataRow)]));
    QVector<BarListWidget::Bar> top;
    for (int j = 0; j < 5; ++j) {
        if (it.topClass[size_t(j)] < 0) break;
        top.push_back({className(it.topClass[size_t(j)]), double(it.topProb[size_t(j)]),
                       ThumbnailDelegate::classColor(it.topClass[size_t(j)]), qQNaN(), {}});
    }
    m_top5->setBars(top, 0.0, 1.0);
    QVector<BarListWidget::Bar> osd;
    double lo = 0.0, hi = 1.0;
    for (int k = 0; k < int(it.osd.size()); ++k) {
        const double v = it.osd[size_t(k)];
        const double cut = k < int(m_data->gmm.size()) && m_data->gmm[size_t(k)].valid
                               ? m_data->gmm[size_t(k)].mean[0]
                               : qQNaN();
        const bool candidate = !std::isnan(v) && !std::isnan(cut) && v >= cut;
        osd.push_back({className(k), v, candidate ? QColor(214, 39, 40) : QColor(120, 120, 120), cut,
                       {}});
        if (!std::isnan(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    m_osdTitle->setVisible(!osd.isEmpty());
    m_osd->setVisible(!osd.isEmpty());
    m_osd->setBars(osd, lo, hi);
    m_simGivenTitle->setText(tr("Most similar trusted samples of the given class (%1)").arg(className(it.given)));
    m_simSuggestedTitle->setText(
        it.suggested >= 0 ? tr("Most similar trusted samples of the suggested class (%1)").arg(className(it.suggested))
                          : tr("No suggested class"));
    m_simGiven->setItems({}, tr("searching…"));
    m_simSuggested->setItems({}, it.suggested >= 0 ? tr("searching…") : QString());
    m_imageShown = false;
    m_image = m_large ? m_large->lookup(it.sampleId) : QImage();
    if (m_image.isNull() && m_large) {
        if (m_large->failed(it.sampleId)) {
            m_imageShown = true;
        } else {
            m_large->request(it.sampleId);
        }
    } else {
        m_imageShown = true;
    }
    updateImage();
    startSimilarSearch();
    if (m_imageShown) Q_EMIT itemShown(it.sampleId);
}

void ReviewPanel::onLargeThumbnail(qint64 id) {
    if (id != m_item.sampleId || m_imageShown || !m_large) return;
    m_image = m_large->lookup(id);
    m_imageShown = true;
    updateImage();
    Q_EMIT itemShown(id);
}

void ReviewPanel::updateImage() {
    const bool noItem = m_item.sampleId < 0;
    m_emptyActions->setVisible(noItem && !m_emptyText.isEmpty() && !m_emptyActions->findChildren<QToolButton*>().isEmpty());
    if (noItem) {
        // Nothing to load: "loading…" here would wait forever (bug 12).
        m_imageLabel->setVisible(true);
        m_imageLabel->setPixmap({});
        m_imageLabel->setText(m_emptyText.isEmpty() ? tr("No sample selected.") : m_emptyText);
        return;
    }
    if (m_image.isNull()) {
        m_imageLabel->setPixmap({});
        m_imageLabel->setText(m_imageShown ? tr("image unavailable") : tr("loading…"));
        return;
    }
    const QSize box = m_imageLabel->size();
    m_imageLabel->setPixmap(QPixmap::fromImage(
        m_image.scaled(box, Qt::KeepAspectRatio,
                       m_image.width() * 2 < box.width() ? Qt::FastTransformation : Qt::SmoothTransformation)));
}

void ReviewPanel::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    updateImage();
}

void ReviewPanel::startSimilarSearch() {
    if (!m_data || !m_data->features) {
        m_simGiven->setItems({}, tr("no stored features"));
        m_simSuggested->setItems({}, tr("no stored features"));
        return;
    }
    const qint64 id = m_item.sampleId;
    const int row = m_item.row;
    const QVector<int> given = m_trustedByClass.value(m_item.given);
    const QVector<int> sug = m_item.suggested >= 0 ? m_trustedByClass.value(m_item.suggested) : QVector<int>();
    auto data = m_data;
    // Runs even while a previous search is still going; its stale result is dropped.
    m_watcher->setFuture(QtConcurrent::run([data, id, row, given, sug] {
        Similar s;
        s.sampleId = id;
        for (const auto& [r, sim] : mostSimilarRows(*data, row, given, kSimilar))
            s.given.push_back({data->ids[size_t(r)], sim});
        for (const auto& [r, sim] : mostSimilarRows(*data, row, sug, kSimilar))
            s.suggested.push_back({data->ids[size_t(r)], sim});
        return s;
    }));
}

}  // namespace winnow::widgets
