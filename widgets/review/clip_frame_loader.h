#pragma once
#include <QCache>
#include <QImage>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QThreadPool>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace winnow::core {
class Project;
struct Image;
}  // namespace winnow::core

namespace winnow::widgets {

// Copies an RGB24 / grey core image into an RGB32 QImage (null for an empty image).
QImage toRgb32(const core::Image& img);

// Where a clip sample's frames come from.
struct ClipSource {
    std::string video;        // absolute path of the source video
    int64_t frameStart = 0;   // [frameStart, frameEnd) in the video's frame numbers
    int64_t frameEnd = 0;
};

// The review views' access to video clip frames: which samples of the project are clips
// (looked up by id when first asked, through a read-only connection of its own, so opening
// a million-image project costs nothing), their sampled frames (eval-mode segment centres, METHODS §7) and any other frames,
// decoded through core::FrameCache (JPEG files under <project cache>/frames, shared with
// other processes) on a private thread pool, newest request first, and kept in a byte-
// budgeted memory cache. Only the GUI thread calls in; framesReady is emitted on it.
class ClipFrameLoader : public QObject {
    Q_OBJECT
public:
    explicit ClipFrameLoader(int maxSide = 256, QObject* parent = nullptr);
    ~ClipFrameLoader() override;

    // Opens the project (read-only) and finds the folder of the scoring whose per-frame
    // breakdown the detail strip shows (0 = none). Throws core::Error when it cannot open.
    void open(const std::filesystem::path& projectFile, qint64 scoringId = 0);
    bool isClip(qint64 sampleId) const { return clip(sampleId) != nullptr; }
    // The clip's source, or nullptr when the sample is not a (readable) clip.
    const ClipSource* clip(qint64 sampleId) const;
    // scorings/<id>/ of that scoring (empty when none).
    const std::filesystem::path& scoringDir() const { return m_scoringDir; }
    std::filesystem::path frameCacheDir() const { return m_frameDir; }

    int framesPerClip() const { return m_framesPerClip; }
    void setFramesPerClip(int f) { m_framesPerClip = std::max(1, f); }
    // Eval-mode segment frames of a clip (empty when not a clip).
    std::vector<int64_t> sampledFrames(qint64 sampleId) const;

    // Memory lookup only; null while not decoded (call request()).
    QImage frame(qint64 sampleId, int64_t frameNumber) const;
    // True when decoding this clip failed (missing or damaged video).
    bool failed(qint64 sampleId) const { return m_failed.contains(sampleId); }
    // Queues the frames not cached or in flight; one decode pass per call.
    void request(qint64 sampleId, const std::vector<int64_t>& frames);
    // Waits until every queued decode has been delivered (tests, shutdown).
    void waitForIdle();

Q_SIGNALS:
    // Some frames of this clip are now in the memory cache (or it failed).
    void framesReady(qint64 sampleId);

private:
    using Key = QPair<qint64, qint64>;  // (sample id, frame number)
    void deliver(int generation, qint64 sampleId, const std::vector<int64_t>& frames,
                 const QVector<QImage>& images, bool ok);

    int m_maxSide;
    int m_framesPerClip = 8;
    std::filesystem::path m_frameDir;
    std::filesystem::path m_scoringDir;
    std::unique_ptr<core::Project> m_project;
    // Looked-up samples (frameEnd 0 = not a clip). Node-based, so the pointers clip()
    // hands out stay valid while later lookups insert.
    mutable std::unordered_map<qint64, ClipSource> m_clips;
    QCache<Key, QImage> m_memory;
    QSet<Key> m_inFlight;
    QSet<qint64> m_failed;
    int m_generation = 0;  // bumped by open(): results of the previous project are dropped
    std::atomic<int> m_priority{0};
    std::atomic<bool> m_stopping{false};
    QThreadPool m_pool;
};

}  // namespace winnow::widgets
