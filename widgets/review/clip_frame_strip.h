#pragma once
#include <QColor>
#include <QWidget>
#include <cstdint>
#include <vector>

namespace winnow::widgets {

class ClipFrameLoader;

// The sampled frames of one clip side by side, each with a bar under it for its share of
// the clip's score (per-frame contributions, METHODS §7): bars grow up in red for frames
// that push the score up and down in blue for those that pull it down, heights relative
// to the largest magnitude, with the value and the frame's feature norm written under it.
// Without a breakdown only the frames and their numbers are shown. Frames are decoded by
// the ClipFrameLoader; cells show "…" until theirs arrives. Clicking a frame emits
// frameClicked (the player seeks there).
class ClipFrameStrip : public QWidget {
    Q_OBJECT
public:
    explicit ClipFrameStrip(QWidget* parent = nullptr);

    void setLoader(ClipFrameLoader* loader);
    // `contributions` and `norms` are empty or one per frame.
    void setFrames(qint64 sampleId, std::vector<int64_t> frames, std::vector<float> contributions,
                   std::vector<float> norms);
    void clear();
    // Marks the cell whose frame is the last one at or before `frame` (the player position).
    void setCurrentFrame(int64_t frame);

    qint64 sampleId() const { return m_sample; }
    int count() const { return int(m_frames.size()); }
    const std::vector<int64_t>& frames() const { return m_frames; }
    const std::vector<float>& contributions() const { return m_contrib; }
    bool hasContributions() const { return !m_contrib.empty(); }
    // True once every frame is decoded (or the clip failed).
    bool allFramesLoaded() const;
    // Geometry of cell i: its picture, and the band its bar is drawn in (baseline at the
    // band's vertical centre).
    QRect frameRect(int i) const;
    QRect barBand(int i) const;
    int currentCell() const { return m_current; }

    static QColor positiveColor() { return {214, 39, 40}; }
    static QColor negativeColor() { return {31, 119, 180}; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void frameClicked(qint64 frame);
    void framesShown(qint64 sampleId);  // every frame of the strip is on screen

protected:
    void paintEvent(QPaintEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    bool event(QEvent* e) override;  // tooltips: a frame's number, contribution and norm

private:
    void onFramesReady(qint64 sampleId);
    QRect cell(int i) const;
    int barBandHeight() const;

    ClipFrameLoader* m_loader = nullptr;
    qint64 m_sample = -1;
    std::vector<int64_t> m_frames;
    std::vector<float> m_contrib, m_norms;
    int m_current = -1;
    bool m_announced = false;
};

}  // namespace winnow::widgets
