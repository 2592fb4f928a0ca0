#include "widgets/jobs_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/job_runner.h"

namespace winnow::widgets {

JobsPanel::JobsPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* inner = new QWidget(scroll);
    m_list = new QVBoxLayout(inner);
    m_list->setContentsMargins(0, 0, 0, 0);
    m_empty = new QLabel(tr("No jobs."), inner);
    m_empty->setEnabled(false);
    m_list->addWidget(m_empty);
    m_list->addStretch(1);
    scroll->setWidget(inner);
    outer->addWidget(scroll, 1);
    auto* clear = new QPushButton(tr("Clear finished"), this);
    connect(clear, &QPushButton::clicked, this, &JobsPanel::clearFinished);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(clear);
    outer->addLayout(bottom);

    connect(runner, &JobRunner::jobStarted, this, &JobsPanel::onStarted);
    connect(runner, &JobRunner::jobProgress, this, &JobsPanel::onProgress);
    connect(runner, &JobRunner::jobFinished, this, &JobsPanel::onFinished);
}

QString JobsPanel::formatEta(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return {};
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60) return tr("%1 s").arg(s);
    if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString JobsPanel::statusText(int jobId) const {
    auto it = m_rows.find(jobId);
    return it == m_rows.end() ? QString() : it->second.status->text();
}

void JobsPanel::onStarted(int id, const QString& title) {
    Row row;
    row.box = new QWidget(this);
    auto* grid = new QGridLayout(row.box);
    grid->setContentsMargins(0, 2, 0, 2);
    row.title = new QLabel(title, row.box);
    QFont bold = row.title->font();
    bold.setBold(true);
    row.title->setFont(bold);
    row.bar = new QProgressBar(row.box);
    row.bar->setRange(0, 1000);
    row.bar->setValue(0);
    row.bar->setTextVisible(false);
    row.status = new QLabel(tr("Starting…"), row.box);
    row.cancel = new QPushButton(tr("Cancel"), row.box);
    connect(row.cancel, &QPushButton::clicked, this, [this, id] {
        m_runner->cancel(id);
        auto it = m_rows.find(id);
        if (it != m_rows.end()) {
            it->second.cancel->setEnabled(false);
            it->second.status->setText(tr("Cancelling…"));
        }
    });
    grid->addWidget(row.title, 0, 0, 1, 2);
    grid->addWidget(row.bar, 1, 0);
    grid->addWidget(row.cancel, 1, 1);
    grid->addWidget(row.status, 2, 0, 1, 2);
    row.clock.start();
    m_list->insertWidget(m_list->count() - 1, row.box);
    m_empty->hide();
    m_rows[id] = row;
}

void JobsPanel::onProgress(int id, double fraction, const QString& message) {
    auto it = m_rows.find(id);
    if (it == m_rows.end() || it->second.finished) return;
    Row& row = it->second;
    fraction = std::clamp(fraction, 0.0, 1.0);
    row.bar->setValue(int(fraction * 1000));
    QString text = message;
    const double elapsed = row.clock.elapsed() / 1000.0;
    // An estimate from the first percent is mostly noise; wait for a little evidence.
    if (fraction > 0.02 && elapsed > 1.0) {
        const QString eta = formatEta(elapsed * (1.0 - fraction) / fraction);
        text = text.isEmpty() ? tr("%1 left").arg(eta) : tr("%1 — %2 left").arg(text, eta);
    }
    row.status->setText(text);
}

void JobsPanel::onFinished(const JobResult& r) {
    auto it = m_rows.find(r.id);
    if (it == m_rows.end()) return;
    Row& row = it->second;
    row.finished = true;
    row.cancel->hide();
    if (r.ok) {
        row.bar->setValue(1000);
        row.status->setText(tr("Done in %1.").arg(formatEta(row.clock.elapsed() / 1000.0)));
    } else if (r.cancelled) {
        row.status->setText(tr("Cancelled."));
    } else {
        row.status->setText(tr("Failed: %1").arg(r.error));
        row.status->setStyleSheet(QStringLiteral("color: #c0392b;"));
        row.status->setWordWrap(true);
    }
}

void JobsPanel::clearFinished() {
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (it->second.finished) {
            it->second.box->deleteLater();
            it = m_rows.erase(it);
        } else {
            ++it;
        }
    }
    m_empty->setVisible(m_rows.empty());
}

}  // namespace winnow::widgets
