#pragma once
#include <QListView>

namespace winnow::widgets {

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

Q_SIGNALS:
    void currentSampleChanged(qint64 sampleId);  // -1 when nothing is current

private:
    SampleGridModel* m_model = nullptr;
    ThumbnailDelegate* m_delegate;
};

}  // namespace winnow::widgets
