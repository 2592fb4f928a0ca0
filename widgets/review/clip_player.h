#pragma once
#include <QElapsedTimer>
#include <QImage>
#include <QWidget>
#include <cstdint>

class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace winnow::widgets {

class ClipFrameDecoder;

// Plays one clip [frameStart, frameEnd) of a video: play/pause, frame step, speed
// 0.25×–4×, a scrub slider and the current frame number and time. Decoding runs on a
// ClipFrameDecoder thread; while playing, a frame is asked for only when the previous one
// arrived (frames are skipped rather than queued when decoding is slower than the speed).
//
// Keys (only while the player has focus, which it takes when clicked): Space play/pause,
// "," / "." one frame back / forward. Every other key is ignored and so travels on to the
// review widget, so the relabel keys keep working; the buttons never take focus.
class ClipPlayer : public QWidget {
    Q_OBJECT
public:
    explicit ClipPlayer(QWidget* parent = nullptr);
    ~ClipPlayer() override;

    // Loads a clip and shows its first frame (or `startFrame` when inside the clip).
    void setClip(const QString& video, int64_t frameStart, int64_t frameEnd, int64_t startFrame = -1);
    void clear();

    void play();
    void pause();
    void togglePlay();
    bool isPlaying() const { return m_playing; }
    void stepBy(int delta);
    // Shows this frame of the video (clamped to the clip).
    void seek(int64_t frame);
    void setSpeed(double speed);  // 0.25 .. 4
    double speed() const { return m_speed; }

    int64_t frameStart() const { return m_start; }
    int64_t frameEnd() const { return m_end; }
    // The frame on screen (-1 none) and the one asked for last.
    int64_t shownFrame() const { return m_shown; }
    int64_t targetFrame() const { return m_target; }
    const QImage& shownImage() const { return m_image; }
    double fps() const { return m_fps; }
    QString positionText() const;
    // What the picture area says when it has no picture ("loading…", a decode error).
    QString messageText() const;
    QSlider* slider() const { return m_slider; }

Q_SIGNALS:
    void frameShown(qint64 frame);
    void playingChanged(bool playing);

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    void onFrame(qint64 requested, qint64 actual, const QImage& image);
    void onTick();
    void ask(int64_t frame);
    void updateView();
    void updateControls();

    ClipFrameDecoder* m_decoder;
    QLabel* m_view;
    QToolButton* m_playButton;
    QToolButton* m_back;
    QToolButton* m_forward;
    QComboBox* m_speedBox;
    QSlider* m_slider;
    QLabel* m_position;
    QTimer* m_timer;
    QElapsedTimer m_clock;
    QString m_video;
    int64_t m_start = 0, m_end = 0;
    int64_t m_shown = -1, m_target = -1;
    int64_t m_inFlight = -1;   // frame asked of the decoder and not yet shown
    int64_t m_playFrom = 0;    // frame at the moment playback (re)started
    double m_fps = 25.0;
    double m_speed = 1.0;
    bool m_playing = false;
    QImage m_image;
};

}  // namespace winnow::widgets
