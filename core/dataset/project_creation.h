#pragma once
#include <filesystem>
#include <vector>

namespace winnow::core {

// A project file about to be created for an import, so that undoing the creation (the
// import failed, was cancelled or added nothing) removes only what this process made: the
// project file and its SQLite side files, and the cache folder X.winnow-cache/ only when it
// did not exist before. A cache folder that was already there, with whatever it holds, is
// left alone (the import driver removes the cache files and folders it made inside it).
class ProjectCreation {
public:
    // Call before Project::create(file): records which of the paths exist now.
    explicit ProjectCreation(std::filesystem::path file);
    // Removes the paths that did not exist at construction. Close the project first.
    void undo() noexcept;

private:
    std::vector<std::filesystem::path> m_new;  // paths absent at construction
};

}  // namespace winnow::core
