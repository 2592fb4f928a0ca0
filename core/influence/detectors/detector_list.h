#pragma once
// The built-in detectors, in menu order: one line each, naming the function that the
// detector's own file in this folder defines (`DetectorInfo fooDetector()`, see
// detector_registry.h). detector_registry.cpp declares and calls each one, so a static-library
// link keeps every detector (no static-initialiser registration to be dropped).
// The ids these functions return are stored in projects and score files: keep them.
#define WINNOW_BUILTIN_DETECTORS(X) \
    X(combinedDetector)             \
    X(influentialRankDetector)      \
    X(confidentLearningDetector)    \
    X(smallLossDetector)            \
    X(selfConfidenceDetector)       \
    X(aumDetector)                  \
    X(earlyLossDetector)            \
    X(clEarlyDetector)
