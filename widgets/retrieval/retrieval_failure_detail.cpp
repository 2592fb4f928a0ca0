#include "widgets/retrieval/retrieval_failure_detail.h"

#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTextDocument>
#include <QVBoxLayout>
#include <cmath>

namespace winnow::widgets {
namespace {

constexpr int kImageSide = 160;

QLabel* textLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return l;
}

QLabel* imageLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setAlignment(Qt::AlignCenter);
    return l;
}

QString score(float v) { return std::isnan(v) ? QStringLiteral("—") : QString::number(double(v), 'f', 4); }

}  // namespace

RetrievalFailureDetail::RetrievalFailureDetail(QWidget* parent) : QWidget(parent) {
    auto* inner = new QWidget(this);
    auto* column = new QVBoxLayout(inner);
    m_header = textLabel(inner);
    m_query = textLabel(inner);
    m_queryImage = imageLabel(inner);
    m_truth = textLabel(inner);
    m_truthImage = imageLabel(inner);
    m_top1 = textLabel(inner);
    m_top1Image = imageLabel(inner);
    m_attack = textLabel(inner);
    m_attackImage = imageLabel(inner);
    m_partnerImage = imageLabel(inner);
    m_header->setObjectName(QStringLiteral("failureHeader"));
    m_query->setObjectName(QStringLiteral("failureQuery"));
    m_queryImage->setObjectName(QStringLiteral("failureQueryImage"));
    m_top1->setObjectName(QStringLiteral("failureTop1"));
    m_attack->setObjectName(QStringLiteral("failureAttack"));
    // One row per item: its image(s) at the left, its text beside them taking the rest; an
    // item without an image (a caption) gives its text the whole row.
    column->addWidget(m_header);
    auto section = [&](std::initializer_list<QLabel*> images, QLabel* text) {
        auto* row = new QHBoxLayout;
        for (QLabel* image : images) row->addWidget(image, 0, Qt::AlignTop);
        row->addWidget(text, 1);
        column->addLayout(row);
    };
    section({m_queryImage}, m_query);
    section({m_truthImage}, m_truth);
    section({m_top1Image}, m_top1);
    section({m_attackImage, m_partnerImage}, m_attack);
    column->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(inner);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(scroll);
    show(nullptr);
}

QString RetrievalFailureDetail::highlightSwaps(const QString& caption, const QString& swapped) {
    QString html = caption.toHtmlEscaped();
    for (const QString& swap : swapped.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString target = swap.section(QLatin1Char('>'), 1).trimmed();
        for (const QString& word : target.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            // Whole words only, so "man" does not light up inside "woman".
            const QRegularExpression re(QStringLiteral("\\b(%1)\\b").arg(QRegularExpression::escape(word.toHtmlEscaped())),
                                        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
            html.replace(re, QStringLiteral("<span style=\"background:#f6c445\"><b>\\1</b></span>"));
        }
    }
    return html;
}

void RetrievalFailureDetail::setImage(QLabel* label, const QString& path, const QString& caption) {
    label->clear();
    label->setToolTip(path);
    if (path.isEmpty()) {
        label->setVisible(false);
        return;
    }
    label->setVisible(true);
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > kImageSide || size.height() > kImageSide))
        reader.setScaledSize(size.scaled(kImageSide, kImageSide, Qt::KeepAspectRatio));
    QImage img = reader.read();
    if (img.isNull()) {
        label->setText(tr("%1\n(cannot be shown: %2)").arg(caption, reader.errorString()));
        return;
    }
    // Small images (32 px thumbnails) are enlarged to the common size, pixels kept sharp.
    if (img.width() < kImageSide && img.height() < kImageSide)
        img = img.scaled(kImageSide, kImageSide, Qt::KeepAspectRatio, Qt::FastTransformation);
    label->setPixmap(QPixmap::fromImage(img));
    label->setToolTip(caption + QLatin1Char('\n') + path);
}

void RetrievalFailureDetail::show(const RetrievalFailureRow* r) {
    if (!r) {
        m_header->setText(tr("Select a failure to see the query, its ground truth and what beat it."));
        for (QLabel* l : {m_query, m_truth, m_top1, m_attack}) l->clear();
        for (QLabel* l : {m_queryImage, m_truthImage, m_top1Image, m_attackImage, m_partnerImage}) setImage(l, {}, {});
        return;
    }
    const auto& f = r->failure;
    const auto& o = f.outcome;
    const bool i2t = f.direction == "i2t";
    std::optional<double> lambda;
    if (m_data)
        for (const auto& res : m_data->results)
            if (res.id == f.resultId) lambda = res.lambda;
    m_header->setText(tr("<b>%1</b>, %2%3 — %4. Margin %5 (best attack item − best ground truth). "
                         "Rank of the ground truth: %6 clean, %7 attacked.")
                          .arg(QString::fromStdString(f.attack).toHtmlEscaped(),
                               i2t ? tr("image → text") : tr("text → image"),
                               f.seed ? tr(", seed %1").arg(*f.seed) : QString(), r->kindText.toHtmlEscaped(),
                               score(f.margin))
                          .arg(o.cleanRank + 1)
                          .arg(o.rank + 1));
    if (i2t) {
        m_query->setText(tr("<b>Query image</b><br>%1").arg(r->query.toHtmlEscaped()));
        setImage(m_queryImage, r->queryImage, tr("query"));
        m_truth->setText(tr("<b>Ground truth</b> (best score %1)<br>%2")
                             .arg(score(o.truthScore), r->truth.toHtmlEscaped().replace(QStringLiteral(" | "), QStringLiteral("<br>"))));
        setImage(m_truthImage, {}, {});
        const QString top1 = r->top1IsAttack ? highlightSwaps(r->top1, r->swapped) : r->top1.toHtmlEscaped();
        m_top1->setText(tr("<b>Top-1</b> %1 (score %2)<br>%3")
                            .arg(r->top1IsAttack ? tr("— adversarial") : tr("— ground truth or another image's caption"),
                                 score(o.top1Score), top1));
        setImage(m_top1Image, {}, {});
        m_attack->setText(tr("<b>Best adversarial caption</b> (score %1)<br>%2<br><i>Swapped: %3</i>")
                              .arg(score(o.bestAttackScore), highlightSwaps(r->bestAttack, r->swapped),
                                   r->swapped.isEmpty() ? tr("not a one-word swap") : r->swapped.toHtmlEscaped()));
        setImage(m_attackImage, {}, {});
        setImage(m_partnerImage, {}, {});
    } else {
        m_query->setText(tr("<b>Query caption</b><br>%1").arg(r->query.toHtmlEscaped()));
        setImage(m_queryImage, {}, {});
        m_truth->setText(tr("<b>Ground-truth image</b> (score %1)<br>%2").arg(score(o.truthScore), r->truth.toHtmlEscaped()));
        setImage(m_truthImage, r->truthImage, tr("ground truth"));
        m_top1->setText(tr("<b>Top-1</b> %1 (score %2)<br>%3")
                            .arg(r->top1IsAttack ? tr("— an altered image") : tr("— an original image"), score(o.top1Score),
                                 r->top1.toHtmlEscaped()));
        setImage(m_top1Image, r->top1Image, tr("top-1"));
        m_attack->setText(tr("<b>Best altered image</b> (score %1)<br>%2<br>λ = %3: base image (left) blended with its partner (right)")
                              .arg(score(o.bestAttackScore), r->bestAttack.toHtmlEscaped(),
                                   lambda ? QString::number(*lambda, 'g', 3) : tr("not recorded")));
        setImage(m_attackImage, r->bestAttackImage, tr("base"));
        setImage(m_partnerImage, r->partnerImage, tr("partner"));
    }
}

QString RetrievalFailureDetail::plainText() const {
    QStringList parts;
    for (QLabel* l : {m_header, m_query, m_truth, m_top1, m_attack}) {
        QTextDocument doc;
        doc.setHtml(l->text());
        parts << doc.toPlainText();
    }
    return parts.join(QLatin1Char('\n'));
}

}  // namespace winnow::widgets
