#include "widgets/retrieval/retrieval_topk_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <set>

#include "widgets/retrieval/retrieval_browser_data.h"
#include "widgets/retrieval/retrieval_ei_strip.h"

namespace winnow::widgets {
namespace {

constexpr int kThumb = 120;
QString q(const std::string& s) { return QString::fromStdString(s); }

// The words of `text` (runs of letters/digits) lowercased, each wrapped when in `words`.
QString markWords(const QString& text, const std::set<QString>& words, const QString& open, const QString& close) {
    QString out;
    QString word;
    auto flush = [&] {
        if (word.isEmpty()) return;
        const bool hit = words.count(word.toLower()) > 0;
        out += hit ? open + word.toHtmlEscaped() + close : word.toHtmlEscaped();
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber()) {
            word += c;
        } else {
            flush();
            out += QString(c).toHtmlEscaped();
        }
    }
    flush();
    return out;
}

}  // namespace

std::shared_ptr<RetrievalQueryTopK> computeRetrievalTopK(const core::RetrievalTopKSource& source,
                                                         const RetrievalFailureRow& row, size_t k) {
    auto out = std::make_shared<RetrievalQueryTopK>();
    const auto& f = row.failure;
    out->runId = source.runId();
    out->resultId = f.resultId;
    out->queryImage = f.outcome.queryImage;
    out->queryCaption = f.outcome.queryCaption;
    out->k = k;
    out->i2t = f.direction == "i2t";
    out->topK = source.topK(f.resultId, f.outcome, k);
    const auto& items = out->topK.items;
    out->influence.resize(items.size());
    out->influenceProblem.resize(items.size());
    auto lookup = [&](const std::string& image, int caption, std::optional<core::CaptionInfluence>& ci, QString& why) {
        std::string problem;
        if (out->topK.attackSetId) ci = source.influence(*out->topK.attackSetId, image, caption, &problem);
        else problem = "no caption attack";
        why = q(problem);
    };
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].attack && f.direction == "i2t")
            lookup(items[i].imageName, items[i].sourceCaption, out->influence[i], out->influenceProblem[i]);
    // The failure's best adversarial caption (maybe below the top-k).
    const auto& best = f.outcome.bestAttack;
    if (f.direction == "i2t" && best.kind == 'a' && out->topK.attackSetId) {
        out->hasBestCaption = true;
        bool found = false;
        for (size_t i = 0; i < items.size(); ++i)
            if (items[i].item == best) {
                out->bestInfluence = out->influence[i];
                out->bestInfluenceProblem = out->influenceProblem[i];
                found = true;
            }
        if (!found) {
            // Not in the list (or no list): find its image name and ground truth from the row.
            core::TopKItem probe;
            const core::QueryTopK all = source.topK(f.resultId, f.outcome, size_t(-1));
            for (const auto& it : all.items)
                if (it.item == best) probe = it;
            if (!probe.imageName.empty())
                lookup(probe.imageName, probe.sourceCaption, out->bestInfluence, out->bestInfluenceProblem);
            else
                out->bestInfluenceProblem = QObject::tr("the adversarial caption's embedding is not cached");
        }
    }
    return out;
}

RetrievalTopKView::RetrievalTopKView(QWidget* parent) : QWidget(parent) {
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setObjectName(QStringLiteral("topKHeader"));
    m_k = new QSpinBox(this);
    m_k->setObjectName(QStringLiteral("topKCount"));
    m_k->setRange(1, 1000);
    m_k->setValue(10);
    m_k->setPrefix(tr("top "));
    m_k->setKeyboardTracking(false);
    auto* top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_k);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("topKList"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Similarity"), tr("Mark"), tr("Item")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);

    m_item = new QLabel(this);
    m_item->setObjectName(QStringLiteral("topKItem"));
    m_item->setWordWrap(true);
    m_item->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_base = new QLabel(this);
    m_partner = new QLabel(this);
    for (QLabel* l : {m_base, m_partner}) {
        l->setAlignment(Qt::AlignCenter);
        l->setVisible(false);
    }
    auto* images = new QHBoxLayout;
    images->addWidget(m_base);
    images->addWidget(m_partner);
    images->addStretch(1);
    m_strip = new RetrievalEiStrip(this);

    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addLayout(top);
    lay->addWidget(m_table, 1);
    lay->addWidget(m_item);
    lay->addLayout(images);
    lay->addWidget(m_strip);

    connect(m_k, qOverload<int>(&QSpinBox::valueChanged), this, &RetrievalTopKView::kChanged);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showItem(row); });
    setNothing();
}

int RetrievalTopKView::k() const { return m_k->value(); }
void RetrievalTopKView::setK(int k) { m_k->setValue(k); }
QString RetrievalTopKView::headerText() const { return m_header->text(); }
QString RetrievalTopKView::markText(int row) const {
    const QTableWidgetItem* it = m_table->item(row, Mark);
    return it ? it->text() : QString();
}

void RetrievalTopKView::setNothing() {
    m_topK.reset();
    m_table->setRowCount(0);
    m_header->setText(tr("Top-k: select a failure."));
    showItem(-1);
}

void RetrievalTopKView::setLoading() {
    m_header->setText(tr("Computing the top %1 from the cached embeddings…").arg(k()));
}

QString RetrievalTopKView::wordDiffHtml(const core::TopKItem& item) {
    std::set<QString> sources, targets;
    for (const auto& s : item.swaps) {
        for (const auto& w : s.source) sources.insert(q(w).toLower());
        for (const auto& w : s.target) targets.insert(q(w).toLower());
    }
    const QString adv = markWords(q(item.text), targets, QStringLiteral("<span style=\"background:#f6c445\"><b>"),
                                  QStringLiteral("</b></span>"));
    const QString orig = markWords(q(item.original), sources, QStringLiteral("<span style=\"color:#b00020\"><s>"),
                                   QStringLiteral("</s></span>"));
    QStringList swaps;
    for (const auto& s : item.swaps) swaps << q(s.sourceCore).toHtmlEscaped() + QStringLiteral(" → ") + q(s.targetCore).toHtmlEscaped();
    return tr("Adversarial: %1<br>Original: %2<br><i>Swapped: %3</i>")
        .arg(adv, orig, swaps.isEmpty() ? tr("nothing (the captions' words are equal)") : swaps.join(QStringLiteral("; ")));
}

QString RetrievalTopKView::noteText(const core::QueryTopK& topK) {
    QStringList parts;
    if (topK.note.find("altered images are not cached") != std::string::npos)
        parts << tr("altered images are not cached: the list holds the original images and the best altered copy "
                    "(its stored score); it is exact down to that copy, other altered copies may be missing below it");
    if (topK.missing > 0)
        parts << tr("%1 gallery items have no cached embedding and are left out").arg(topK.missing);
    return parts.isEmpty() ? q(topK.note) : parts.join(QStringLiteral("; "));
}

void RetrievalTopKView::setTopK(std::shared_ptr<const RetrievalQueryTopK> topK) {
    m_topK = std::move(topK);
    m_table->setRowCount(0);
    if (!m_topK) {
        setNothing();
        return;
    }
    if (!m_topK->error.isEmpty() || !m_topK->topK.available) {
        m_header->setText(tr("Top-k not available: %1")
                              .arg(m_topK->error.isEmpty() ? q(m_topK->topK.unavailable) : m_topK->error));
    } else {
        QString h = tr("Top %1 of %2 gallery items").arg(m_topK->topK.items.size()).arg(m_topK->topK.scored);
        if (!m_topK->topK.note.empty()) h += QStringLiteral(" — ") + noteText(m_topK->topK);
        m_header->setText(h);
    }
    const auto& items = m_topK->topK.items;
    m_table->setRowCount(int(items.size()));
    for (int r = 0; r < int(items.size()); ++r) {
        const core::TopKItem& it = items[size_t(r)];
        auto* rank = new QTableWidgetItem(QString::number(r + 1));
        rank->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* score = new QTableWidgetItem(std::isnan(it.score) ? QStringLiteral("—") : QString::number(double(it.score), 'f', 4));
        score->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const bool altered = it.attack && !m_topK->i2t;
        QString mark;
        if (it.truth) mark = tr("ground truth");
        else if (altered) mark = tr("altered image");
        else if (it.attack) mark = tr("adversarial");
        if (it.fromOutcome) mark += tr(" (stored score)");
        auto* markItem = new QTableWidgetItem(mark);
        QString text = q(it.text);
        if (it.attack && !it.swaps.empty()) {
            QStringList s;
            for (const auto& w : it.swaps) s << q(w.sourceCore) + QStringLiteral("→") + q(w.targetCore);
            text = QStringLiteral("[%1] ").arg(s.join(QStringLiteral("; "))) + text;
        }
        if (it.attack && !it.partner.empty())
            text = tr("%1 with %2 (λ = %3)").arg(q(it.text), q(it.partner), it.lambda ? QString::number(*it.lambda, 'g', 3) : tr("?"));
        auto* textItem = new QTableWidgetItem(text);
        textItem->setToolTip(text);
        QColor bg;
        if (it.truth) bg = QColor(0xd8, 0xf0, 0xd8);
        else if (it.attack) bg = QColor(0xfb, 0xe0, 0xc8);
        for (QTableWidgetItem* cell : {rank, score, markItem, textItem}) {
            if (bg.isValid()) cell->setBackground(bg);
            if (bg.isValid()) cell->setForeground(QColor(Qt::black));
        }
        m_table->setItem(r, Rank, rank);
        m_table->setItem(r, Score, score);
        m_table->setItem(r, Mark, markItem);
        m_table->setItem(r, Item, textItem);
    }
    m_table->resizeColumnToContents(Rank);
    m_table->resizeColumnToContents(Score);
    m_table->resizeColumnToContents(Mark);
    showItem(-1);
}

void RetrievalTopKView::setImage(QLabel* label, const QString& path, const QString& caption) {
    label->clear();
    if (path.isEmpty()) {
        label->setVisible(false);
        return;
    }
    label->setVisible(true);
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > kThumb || size.height() > kThumb))
        reader.setScaledSize(size.scaled(kThumb, kThumb, Qt::KeepAspectRatio));
    const QImage img = reader.read();
    if (img.isNull()) label->setText(tr("%1\n(cannot be shown: %2)").arg(caption, reader.errorString()));
    else label->setPixmap(QPixmap::fromImage(img));
    label->setToolTip(caption + QLatin1Char('\n') + path);
}

void RetrievalTopKView::showItem(int row) {
    setImage(m_base, {}, {});
    setImage(m_partner, {}, {});
    m_item->clear();
    // The strip: the selected adversarial caption's ground truth, else the failure's best one.
    const RetrievalQueryTopK* t = m_topK.get();
    const core::TopKItem* it = t && row >= 0 && size_t(row) < t->topK.items.size() ? &t->topK.items[size_t(row)] : nullptr;
    if (it && it->attack && size_t(row) < t->influence.size() && (t->influence[size_t(row)] || !t->influenceProblem[size_t(row)].isEmpty())) {
        if (t->influence[size_t(row)]) m_strip->setInfluence(*t->influence[size_t(row)]);
        else m_strip->setUnavailable(t->influenceProblem[size_t(row)]);
    } else if (t && t->hasBestCaption) {
        if (t->bestInfluence) m_strip->setInfluence(*t->bestInfluence);
        else m_strip->setUnavailable(t->bestInfluenceProblem);
    } else {
        m_strip->clear();
    }
    m_strip->setVisible(t && t->i2t && (t->hasBestCaption || (it && it->attack)));
    if (!it) return;
    if (it->attack && t->i2t) {
        m_item->setText(wordDiffHtml(*it));
    } else if (it->attack) {
        m_item->setText(tr("Altered image: base %1 blended with partner %2, λ = %3%4")
                            .arg(q(it->text).toHtmlEscaped(),
                                 it->partner.empty() ? tr("(unknown)") : q(it->partner).toHtmlEscaped(),
                                 it->lambda ? QString::number(*it->lambda, 'g', 3) : tr("not recorded"),
                                 it->fromOutcome ? tr(" — its score as stored by the evaluation") : QString()));
        setImage(m_base, q(it->text), tr("base"));
        setImage(m_partner, q(it->partner), tr("partner"));
    } else {
        m_item->setText(q(it->text).toHtmlEscaped());
        if (t && !t->topK.items.empty() && it->item.caption < 0) setImage(m_base, q(it->text), tr("image"));
    }
}

}  // namespace winnow::widgets
