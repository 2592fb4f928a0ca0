#pragma once
#include <QWidget>
#include <cstdint>

#include "core/influence/clip_contributions.h"

class QLabel;

namespace winnow::widgets {

class ClipFrameLoader;
class ClipFrameStrip;
class ClipPlayer;

// The review detail of a video clip: the player over the clip and, under it, the strip of
// its sampled frames with their per-frame contributions from the current scoring
// (core::readClipFrameBreakdown); a scoring without a breakdown shows the eval-mode
// sampled frames without bars. Clicking a strip frame seeks the player there; the strip
// marks the frame the player is at.
class ClipDetail : public QWidget {
    Q_OBJECT
public:
    explicit ClipDetail(QWidget* parent = nullptr);

    void setLoader(ClipFrameLoader* loader);
    ClipFrameLoader* loader() const { return m_loader; }
    // Shows the clip of this sample; false (and cleared) when the sample is not a clip.
    bool showSample(qint64 sampleId);
    void clear();
    // Starts decoding the strip frames of a clip about to be shown (no-op for other samples).
    void prefetch(qint64 sampleId);

    qint64 sampleId() const { return m_sample; }
    const core::ClipFrameBreakdown& breakdown() const { return m_breakdown; }
    ClipFrameStrip* strip() const { return m_strip; }
    ClipPlayer* player() const { return m_player; }
    QString noteText() const;

private:
    // The breakdown of a sample from the current scoring; `error` gets why it is unreadable.
    core::ClipFrameBreakdown readBreakdown(qint64 sampleId, QString* error) const;

    ClipFrameLoader* m_loader = nullptr;
    qint64 m_sample = -1;
    core::ClipFrameBreakdown m_breakdown;
    ClipPlayer* m_player;
    ClipFrameStrip* m_strip;
    QLabel* m_note;
};

}  // namespace winnow::widgets
