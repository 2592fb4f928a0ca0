#include "widgets/review/clip_detail.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/review/clip_frame_loader.h"
#include "widgets/review/clip_frame_strip.h"
#include "widgets/review/clip_player.h"

namespace winnow::widgets {

ClipDetail::ClipDetail(QWidget* parent) : QWidget(parent) {
    m_player = new ClipPlayer(this);
    m_strip = new ClipFrameStrip(this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    auto* lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_player, 1);
    lay->addWidget(m_note);
    lay->addWidget(m_strip);
    connect(m_strip, &ClipFrameStrip::frameClicked, this, [this](qint64 f) {
        m_player->pause();
        m_player->seek(f);
    });
    connect(m_player, &ClipPlayer::frameShown, m_strip, &ClipFrameStrip::setCurrentFrame);
}

void ClipDetail::setLoader(ClipFrameLoader* loader) {
    m_loader = loader;
    m_strip->setLoader(loader);
}

void ClipDetail::clear() {
    if (m_player->hasFocus()) {
        // The player is about to go (an image comes next): hand the keyboard back to the
        // nearest ancestor that forwards focus (the review widget's queue), not to whatever
        // widget Qt would pick next, which could swallow the relabel keys.
        for (QWidget* w = parentWidget(); w; w = w->parentWidget())
            if (w->focusProxy()) {
                w->setFocus();
                break;
            }
    }
    m_sample = -1;
    m_breakdown = {};
    m_player->clear();
    m_strip->clear();
    m_note->clear();
}

bool ClipDetail::showSample(qint64 sampleId) {
    const ClipSource* c = m_loader ? m_loader->clip(sampleId) : nullptr;
    if (!c) {
        if (m_sample >= 0) clear();
        return false;
    }
    m_sample = sampleId;
    QString note;
    m_breakdown = readBreakdown(sampleId, &note);
    const auto& contrib = m_breakdown.contributions;
    // NaN everywhere: the detector has no per-frame split for this clip (no OSD, e.g. outside
    // D_M or a loss-based detector); its frames are still the ones the scorer used.
    const bool anyValue = std::any_of(contrib.begin(), contrib.end(), [](float v) { return std::isfinite(v); });
    if (!m_breakdown.empty() && anyValue) {
        m_strip->setFrames(sampleId, m_breakdown.frameNumbers, contrib, m_breakdown.featureNorms);
        note = tr("Sampled frames and their share of the clip's score (red raises it, blue lowers it)");
    } else if (!m_breakdown.empty()) {
        m_strip->setFrames(sampleId, m_breakdown.frameNumbers, {}, {});
        note = tr("Frames the scorer sampled (no per-frame contributions for this clip in this scoring)");
    } else {
        m_strip->setFrames(sampleId, m_loader->sampledFrames(sampleId), {}, {});
        if (note.isEmpty()) note = tr("Sampled frames (this scoring stores no per-frame contributions)");
    }
    m_note->setText(note);
    m_player->setClip(QString::fromStdString(c->video), c->frameStart, c->frameEnd);
    return true;
}

core::ClipFrameBreakdown ClipDetail::readBreakdown(qint64 sampleId, QString* error) const {
    if (m_loader->scoringDir().empty()) return {};
    try {
        return core::readClipFrameBreakdown(m_loader->scoringDir(), sampleId);
    } catch (const std::exception& e) {
        if (error) *error = tr("Per-frame contributions unreadable: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

void ClipDetail::prefetch(qint64 sampleId) {
    if (!m_loader || !m_loader->isClip(sampleId)) return;
    const auto b = readBreakdown(sampleId, nullptr);
    m_loader->request(sampleId, b.empty() ? m_loader->sampledFrames(sampleId) : b.frameNumbers);
}

QString ClipDetail::noteText() const { return m_note->text(); }

}  // namespace winnow::widgets
