#include "widgets/jobs_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/job_runner.h"

namespace winnow::widgets {

JobsPanel::JobsPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 2, 4, 2);
    outer->setSpacing(2);
    auto* header = new QHBoxLayout;
    m_empty = new QLabel(tr("No jobs."), this);
    m_empty->setEnabled(false);
    auto* clear = new QPushButton(tr("Clear finished"), this);
    clear->setObjectName(QStringLiteral("jobsClearFinished"));
    connect(clear, &QPushButton::clicked, this, &JobsPanel::clearFinished);
    header->addWidget(m_empty, 1);
    header->addWidget(clear);
    outer->addLayout(header);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* inner = new QWidget(scroll);
    m_list = new QVBoxLayout(inner);
    m_list->setContentsMargins(0, 0, 0, 0);
    m_list->setSpacing(2);
    m_list->addStretch(1);
    scroll->setWidget(inner);
    outer->addWidget(scroll, 1);

    connect(runner, &JobRunner::jobStarted, this, &JobsPanel::onStarted);
    connect(runner, &JobRunner::jobProgress, this, &JobsPanel::onProgress);
    connect(runner, &JobRunner::jobPhase, this, &JobsPanel::onPhase);
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

QString JobsPanel::titleText(int jobId) const {
    auto it = m_rows.find(jobId);
    return it == m_rows.end() ? QString() : it->second.title->text();
}

QString JobsPanel::phaseText(int jobId) const {
    auto it = m_rows.find(jobId);
    return it == m_rows.end() ? QString() : it->second.phase;
}

int JobsPanel::progressValue(int jobId) const {
    auto it = m_rows.find(jobId);
    return it == m_rows.end() ? -1 : it->second.bar->value();
}

void JobsPanel::projectChanged(const QString& previousProjectName) {
    clearFinished();
    if (previousProjectName.isEmpty()) return;
    for (auto& [id, row] : m_rows) {
        if (row.title->property("project").isValid()) continue;  // labelled already
        row.title->setProperty("project", previousProjectName);
        row.title->setText(tr("%1 (project %2)").arg(row.title->text(), previousProjectName));
        row.title->setToolTip(tr("This job belongs to %1, which is no longer the open project.")
                                  .arg(previousProjectName));
    }
}

void JobsPanel::onStarted(int id, const QString& title) {
    Row row;
    row.box = new QWidget(this);
    // One line per job: title, bar, status, Cancel.
    auto* line = new QHBoxLayout(row.box);
    line->setContentsMargins(0, 0, 0, 0);
    row.title = new QLabel(title, row.box);
    QFont bold = row.title->font();
    bold.setBold(true);
    row.title->setFont(bold);
    // Title and status wrap rather than run off a narrow dock (issue 16: at ~230 px a
    // finished job's "Done in …" was cut at the right edge).
    row.title->setWordWrap(true);
    row.bar = new QProgressBar(row.box);
    row.bar->setRange(0, 1000);
    row.bar->setValue(0);
    row.bar->setTextVisible(false);
    row.bar->setMaximumWidth(260);
    row.status = new QLabel(tr("Starting…"), row.box);
    row.status->setWordWrap(true);
    row.cancel = new QPushButton(tr("Cancel"), row.box);
    row.bar->setObjectName(QStringLiteral("jobBar"));
    row.status->setObjectName(QStringLiteral("jobStatus"));
    row.cancel->setObjectName(QStringLiteral("jobCancel"));
    row.bar->setMinimumWidth(80);
    connect(row.cancel, &QPushButton::clicked, this, [this, id] { requestCancel(id); });
    // A run another program trains (watched through the project) is not ours to cancel.
    row.cancel->setVisible(m_runner->isCancellable(id));
    line->addWidget(row.title);
    line->addWidget(row.bar, 1);
    line->addWidget(row.status, 2);
    line->addWidget(row.cancel);
    row.clock.start();
    row.phaseClock.start();
    m_list->insertWidget(m_list->count() - 1, row.box);
    m_empty->clear();
    m_rows[id] = row;
    updateVisibility();
}

void JobsPanel::setHiddenWhenEmpty(bool hidden) {
    m_hiddenWhenEmpty = hidden;
    updateVisibility();
}

void JobsPanel::updateVisibility() {
    if (m_hiddenWhenEmpty) setVisible(!m_rows.empty());
}

void JobsPanel::requestCancel(int id) {
    auto it = m_rows.find(id);
    if (it == m_rows.end() || it->second.finished || !m_runner->isCancellable(id)) return;
    // A long job is hours of work: one stray click must not throw it away.
    if (it->second.clock.elapsed() >= m_confirmAfterMs) {
        const QString title = it->second.title->text();
        const bool yes =
            m_confirm ? m_confirm(title)
                      : QMessageBox::question(this, tr("Cancel job"),
                                              tr("Cancel “%1”? It has been running for %2.")
                                                  .arg(title, formatEta(it->second.clock.elapsed() / 1000.0)),
                                              QMessageBox::Yes | QMessageBox::No,
                                              QMessageBox::No) == QMessageBox::Yes;
        if (!yes) return;
        it = m_rows.find(id);  // the job may have ended while the question was open
        if (it == m_rows.end() || it->second.finished) return;
    }
    m_runner->cancel(id);
    it->second.cancel->setEnabled(false);
    it->second.status->setText(tr("Cancelling…"));
}

void JobsPanel::onPhase(int id, const QString& phase) {
    auto it = m_rows.find(id);
    if (it == m_rows.end() || it->second.finished) return;
    Row& row = it->second;
    row.phase = phase;
    row.phaseClock.restart();
    row.bar->setValue(0);
    row.status->setText(phase);
}

void JobsPanel::onProgress(int id, double fraction, const QString& message) {
    auto it = m_rows.find(id);
    if (it == m_rows.end() || it->second.finished) return;
    Row& row = it->second;
    fraction = std::clamp(fraction, 0.0, 1.0);
    row.bar->setValue(int(fraction * 1000));
    QString text = message;
    if (!row.phase.isEmpty()) {
        // The phase leads; the job's own message follows unless it says the same.
        if (text.isEmpty() || text.compare(row.phase, Qt::CaseInsensitive) == 0) text = row.phase;
        else text = tr("%1: %2").arg(row.phase, text);
    }
    const double elapsed = row.phaseClock.elapsed() / 1000.0;
    // An estimate from the first percent is mostly noise; wait for a little evidence.
    // A watched job (another program's run, first seen mid-way) has no clock of its own here.
    if (fraction > 0.02 && elapsed > 1.0 && m_runner->isCancellable(id)) {
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
    // The outcome says it all; a full bar only took the status line's room.
    if (r.ok) row.bar->hide();
    if (r.ok) {
        row.bar->setValue(1000);
        row.status->setText(tr("Done in %1.").arg(formatEta(row.clock.elapsed() / 1000.0)));
        // Every outcome stays listed until "Clear finished": a job that ended while the
        // user looked elsewhere is still there to be seen.
    } else if (r.cancelled) {
        row.status->setText(tr("Cancelled."));
    } else {
        row.status->setText(tr("Failed: %1").arg(r.error));
        row.status->setStyleSheet(QStringLiteral("color: #c0392b;"));
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
    if (m_rows.empty()) m_empty->setText(tr("No jobs."));
    updateVisibility();
}

}  // namespace winnow::widgets
