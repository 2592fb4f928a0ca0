#pragma once
#include <QListView>
#include <filesystem>

namespace winnow::widgets {

class ClipFrameLoader;
class SampleGridModel;
class ThumbnailDelegate;

// The virtualized thumbnail grid: a QListView in IconMode with uniform, delegate-painted
// tiles. Only visible rows are painted and only their thumbnails requested.
class SampleGridView : public QListView {
    Q_OBJECT
public:
    explicit SampleGridView(int thumbSide = 96, QWidget* parent = nullptr);
    void setGridModel(SampleGridModel* model);
    SampleGridModel* gridModel() const { return m_model; }
    ThumbnailDelegate* delegate() const { return m_delegate; }
    qint64 currentSampleId() const;
    // Hover scrubbing over the project's video clip tiles (frames decoded off the GUI
    // thread); call again when another project is shown.
    void setClipProject(const std::filesystem::path& projectFile);
    ClipFrameLoader* clipFrames() const { return m_clipFrames; }

Q_SIGNALS:
    void currentSampleChanged(qint64 sampleId);  // -1 when nothing is current

private:
    SampleGridModel* m_model = nullptr;
    ThumbnailDelegate* m_delegate;
    ClipFrameLoader* m_clipFrames = nullptr;
};

}  // namespace winnow::widgets
