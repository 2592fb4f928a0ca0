// Includes qcustomplot.h, which uses the `signals` keyword: never QT_NO_KEYWORDS here.
#include "widgets/train/cmo_preview_dialog.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <qcustomplot.h>

#include "core/store/project.h"
#include "core/train/cmo_preview.h"
#include "widgets/train/image_convert.h"

namespace winnow::widgets {

struct CmoPreviewDialog::Result {
    int generation = 0;
    QString error;
    QList<QImage> background, foreground, mixed;
    QVector<double> lambda;
    QStringList labelBackground, labelForeground;
    QStringList classNames;
    QVector<double> p, q;
};

namespace {
constexpr int kThumb = 72;  // shown side of each small image (pixel art is upscaled)

QLabel* imageLabel(const QImage& img, const QString& tip, QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setFixedSize(kThumb, kThumb);
    l->setAlignment(Qt::AlignCenter);
    l->setFrameShape(QFrame::Box);
    l->setToolTip(tip);
    if (!img.isNull())
        l->setPixmap(QPixmap::fromImage(img.scaled(kThumb - 2, kThumb - 2, Qt::KeepAspectRatio,
                                                   img.width() < kThumb ? Qt::FastTransformation
                                                                        : Qt::SmoothTransformation)));
    return l;
}
}  // namespace

CmoPreviewDialog::CmoPreviewDialog(const std::filesystem::path& projectFile,
                                   const core::TrainConfig& cfg, QWidget* parent)
    : QDialog(parent), m_file(projectFile), m_cfg(cfg) {
    setWindowTitle(tr("CMO preview"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2000000000);
    m_seed->setValue(int(std::min<uint64_t>(cfg.seed, 2000000000)));
    m_count = new QSpinBox(this);
    m_count->setRange(1, 64);
    m_count->setValue(8);
    m_newDraw = new QPushButton(tr("New draw"), this);
    m_status = new QLabel(this);
    bar->addWidget(new QLabel(tr("Seed:"), this));
    bar->addWidget(m_seed);
    bar->addWidget(new QLabel(tr("Draws:"), this));
    bar->addWidget(m_count);
    bar->addWidget(m_newDraw);
    bar->addWidget(m_status, 1);
    layout->addLayout(bar);
    layout->addWidget(new QLabel(tr("Each draw: background from P, foreground from Q, mixed "
                                    "image; λ is the background label's share."),
                                 this));

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* scroll = new QScrollArea(split);
    scroll->setWidgetResizable(true);
    m_gridHost = new QWidget(scroll);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    scroll->setWidget(m_gridHost);
    m_freq = new QCustomPlot(split);
    m_freq->setMinimumHeight(150);
    m_freq->legend->setVisible(true);
    m_freq->legend->setFont(font());
    m_freq->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_freq->yAxis->setLabel(tr("class frequency"));
    m_group = new QCPBarsGroup(m_freq);
    split->addWidget(scroll);
    split->addWidget(m_freq);
    split->setSizes({440, 200});
    layout->addWidget(split, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(860, 700);

    connect(m_newDraw, &QPushButton::clicked, this, &CmoPreviewDialog::newDraw);
    connect(m_seed, &QSpinBox::valueChanged, this, &CmoPreviewDialog::redraw);
    connect(m_count, &QSpinBox::valueChanged, this, &CmoPreviewDialog::redraw);
    redraw();
}

CmoPreviewDialog::~CmoPreviewDialog() = default;

int CmoPreviewDialog::seed() const { return m_seed->value(); }
void CmoPreviewDialog::setSeed(int seed) { m_seed->setValue(seed); }
void CmoPreviewDialog::setCount(int count) { m_count->setValue(count); }
void CmoPreviewDialog::newDraw() { m_seed->setValue(m_seed->value() + 1); }

QString CmoPreviewDialog::errorText() const {
    return m_status->property("error").toString();
}

void CmoPreviewDialog::redraw() {
    const int gen = ++m_generation;
    ++m_pending;
    m_status->setText(tr("Drawing…"));
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, gen] {
        --m_pending;
        watcher->deleteLater();
        if (gen != m_generation) return;  // a newer request replaced this one
        showResult(watcher->result());
    });
    const auto file = m_file;
    const auto cfg = m_cfg;
    const uint64_t seed = uint64_t(m_seed->value());
    const int count = m_count->value();
    watcher->setFuture(QtConcurrent::run([file, cfg, seed, count, gen] {
        Result r;
        r.generation = gen;
        try {
            // Decoding pixels can take a while on image-file projects: own connection here.
            auto project = core::Project::openReadOnly(file);
            const core::CmoPreview pv = core::cmoPreview(project->db(), cfg, seed, count);
            for (const auto& n : pv.classNames) r.classNames << QString::fromStdString(n);
            auto name = [&](int k) {
                return k >= 0 && k < r.classNames.size() ? r.classNames[k] : QString::number(k);
            };
            for (const auto& d : pv.draws) {
                r.background << toQImage(d.background);
                r.foreground << toQImage(d.foreground);
                r.mixed << toQImage(d.mixed);
                r.lambda << d.lambda;
                r.labelBackground << name(d.labelBackground);
                r.labelForeground << name(d.labelForeground);
            }
            r.p = QVector<double>(pv.p.begin(), pv.p.end());
            r.q = QVector<double>(pv.q.begin(), pv.q.end());
        } catch (const std::exception& e) {
            r.error = QString::fromUtf8(e.what());
        }
        return r;
    }));
}

QWidget* CmoPreviewDialog::cell(const Result& r, int i) {
    auto* box = new QFrame(m_gridHost);
    box->setFrameShape(QFrame::StyledPanel);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(4, 4, 4, 4);
    v->setSpacing(2);
    auto* images = new QHBoxLayout;
    images->setSpacing(3);
    images->addWidget(imageLabel(r.background[i], tr("background (P): %1").arg(r.labelBackground[i]), box));
    images->addWidget(imageLabel(r.foreground[i], tr("foreground (Q): %1").arg(r.labelForeground[i]), box));
    images->addWidget(imageLabel(r.mixed[i], tr("mixed"), box));
    v->addLayout(images);
    const QString text = tr("λ = %1  ·  %2 + %3")
                             .arg(r.lambda[i], 0, 'f', 3)
                             .arg(r.labelBackground[i], r.labelForeground[i]);
    auto* label = new QLabel(text, box);
    label->setToolTip(tr("λ: share of the background label; the foreground label gets 1 − λ"));
    v->addWidget(label);
    m_labelTexts << text;
    return box;
}

void CmoPreviewDialog::showResult(const Result& r) {
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_lambdas = r.lambda;
    m_mixed = r.mixed;
    m_p = r.p;
    m_q = r.q;
    m_labelTexts.clear();
    m_status->setProperty("error", r.error);
    if (!r.error.isEmpty()) {
        m_status->setText(tr("Cannot draw: %1").arg(r.error));
    } else {
        m_status->setText(tr("%n draw(s), seed %1", nullptr, int(r.mixed.size())).arg(m_seed->value()));
        const int columns = 3;
        for (int i = 0; i < r.mixed.size(); ++i) m_grid->addWidget(cell(r, i), i / columns, i % columns);
    }

    m_freq->clearPlottables();
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys;
    for (int k = 0; k < r.p.size(); ++k) {
        keys << k;
        ticker->addTick(k, k < r.classNames.size() ? r.classNames[k] : QString::number(k));
    }
    const QString names[2] = {tr("P (instance)"), tr("Q (class-weighted)")};
    const QColor colors[2] = {QColor(52, 101, 164), QColor(245, 166, 35)};
    const QVector<double>* data[2] = {&r.p, &r.q};
    double hi = 0;
    for (int s = 0; s < 2; ++s) {
        auto* bars = new QCPBars(m_freq->xAxis, m_freq->yAxis);
        bars->setName(names[s]);
        bars->setPen(Qt::NoPen);
        bars->setBrush(colors[s]);
        bars->setWidth(0.38);
        bars->setData(keys, *data[s], true);
        bars->setBarsGroup(m_group);
        for (double v : *data[s]) hi = std::max(hi, v);
    }
    m_freq->xAxis->setTicker(ticker);
    m_freq->xAxis->setTickLabelRotation(r.p.size() > 8 ? 45 : 0);
    m_freq->xAxis->setRange(-0.6, std::max<double>(1, double(r.p.size())) - 0.4);
    m_freq->yAxis->setRange(0, hi > 0 ? hi * 1.15 : 1);
    m_freq->replot();
    Q_EMIT drawn();
}

}  // namespace winnow::widgets
