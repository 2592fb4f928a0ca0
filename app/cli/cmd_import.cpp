// winnow-cli import: the same core import the GUI runs, with a summary of what went wrong.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/dataset/importer.h"
#include "core/dataset/project_creation.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::cli {

namespace {

core::CancelToken* g_cancel = nullptr;

extern "C" void onSigint(int) {
    // Only an atomic store: async-signal-safe. A second Ctrl-C kills as usual.
    if (g_cancel) g_cancel->cancel();
    std::signal(SIGINT, SIG_DFL);
}

}  // namespace

// Installs a SIGINT handler that cancels `token` for as long as this object lives.

SigintCancels::SigintCancels(core::CancelToken& token) {
    g_cancel = &token;
    std::signal(SIGINT, onSigint);
}

SigintCancels::~SigintCancels() {
    std::signal(SIGINT, SIG_DFL);
    g_cancel = nullptr;
}

// Progress on stderr (text, only on a terminal) or as JSON lines on stdout.
core::ProgressFn cliProgress(bool json) {
    auto last = std::make_shared<double>(-1.0);
    bool tty = ::isatty(2);
    return [json, tty, last](const core::Progress& p) {
        if (p.fraction - *last < 0.01 && p.fraction < 1.0) return;
        *last = p.fraction;
        if (json) {
            nlohmann::json j;
            j["event"] = "progress";
            j["fraction"] = p.fraction;
            j["message"] = p.message;
            printJsonLine(core::dumpJson(j));
        } else if (tty) {
            std::fprintf(stderr, "\r%3d%%  %-60.60s", int(p.fraction * 100 + 0.5), p.message.c_str());
            if (p.fraction >= 1.0) std::fputc('\n', stderr);
            std::fflush(stderr);
        }
    };
}

int printImportReport(const core::ImportReport& r, const std::string& project, bool json) {
    const size_t shown = 10;
    if (json) {
        nlohmann::json j;
        j["event"] = "done";
        j["project"] = project;
        j["import_id"] = r.importId;
        j["cancelled"] = r.cancelled;
        j["imported"] = r.imported;
        j["unreadable"] = r.unreadable;
        j["skipped"] = r.skipped;
        j["issue_count"] = r.issueCount;
        j["exact_copies"] = r.exactCopies;
        nlohmann::json issues = nlohmann::json::array();
        for (size_t i = 0; i < r.issues.size() && i < 100; ++i) {
            nlohmann::json is;
            is["path"] = r.issues[i].path;
            if (r.issues[i].line >= 0) is["line"] = r.issues[i].line;
            is["reason"] = r.issues[i].reason;
            issues.push_back(is);
        }
        j["issues"] = issues;
        printJsonLine(core::dumpJson(j));
    } else if (r.cancelled) {
        std::cout << "import cancelled; " << project << " is as it was before\n";
    } else {
        std::cout << "imported " << r.imported << " samples into " << project << " ("
                  << r.unreadable << " unreadable, " << r.skipped << " skipped, " << r.issueCount
                  << " issues)\n";
        if (r.exactCopies > 0)
            std::cout << "  " << r.exactCopies << " of them are exact copies of another sample's content"
                      << " (winnow-cli issues --project " << project << " groups them)\n";
        for (size_t i = 0; i < r.issues.size() && i < shown; ++i) {
            const auto& is = r.issues[i];
            std::cout << "  " << is.path;
            if (is.line >= 0) std::cout << ":" << is.line;
            std::cout << ": " << is.reason << "\n";
        }
        if (r.issueCount > int64_t(shown))
            std::cout << "  ... and " << (r.issueCount - int64_t(shown))
                      << " more (winnow-cli info --project " << project << ")\n";
    }
    if (r.cancelled) return 130;
    if (r.nothingUsable()) {
        std::cerr << "error: nothing usable was imported into " << project << " ("
                  << (r.imported == 0 ? "no sample was added" : "every sample added is unreadable")
                  << "; see the issues above)\n";
        return 1;
    }
    return 0;
}

namespace {

struct Options {
    std::string project;
    core::ImportOptions import;
    std::string source;
    std::string split;
    std::string verify = "header";
    bool json = false;
};

int run(const Options& args) {
    const std::string projectPath = args.project;
    core::ImportOptions o = args.import;
    o.source = args.source;
    if (!args.split.empty()) o.split = core::parseSplit(args.split);
    if (args.verify == "full") o.verify = core::VerifyMode::Full;
    bool json = args.json;

    const bool created = !std::filesystem::exists(projectPath);
    // Undoing the creation removes only what this command made (never a cache folder the
    // user already had beside it).
    std::optional<core::ProjectCreation> creation;
    if (created) creation.emplace(projectPath);
    std::unique_ptr<core::Project> project =
        created ? core::Project::create(projectPath) : core::Project::open(projectPath);
    // A project this command created is removed again if nothing was imported into it
    // (the source was unusable or the user cancelled): "as before" means "no file".
    auto removeCreated = [&] {
        project.reset();
        creation->undo();
    };
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    core::ImportReport r;
    try {
        r = core::importDataset(*project, o, cliProgress(json), &cancel);
    } catch (...) {
        if (created) removeCreated();
        throw;
    }
    if (created && (r.cancelled || r.imported == 0)) removeCreated();
    return printImportReport(r, projectPath, json);
}

Runner define(CLI::App& app) {
    auto o = std::make_shared<Options>();
    addProject(app, o->project, "the project to import into (P.winnow; created if missing)");
    addChoice(app, "--format", o->import.format,
              {"imagefolder", "csv", "idx", "cifar", "video-folder", "video-csv"},
              "the dataset's layout")
        ->required();
    addText(app, "--source", o->source, "the dataset folder or file", "PATH")->required();
    addChoice(app, "--split", o->split, {"train", "val", "test"},
              "put every imported sample in this split (default: from the source, else train)");
    addChoice(app, "--verify", o->verify, {"header", "full"},
              "header: read each file's header; full: decode every file");
    addWhole(app, "--frames-per-clip", o->import.framesPerClip, 1, kMaxFrames,
             "video: frames sampled per clip");
    addJson(app, o->json);
    return [o] { return run(*o); };
}

const CommandRegistrar reg({"import", "import a dataset into a project (created if missing)", define});

}  // namespace
}  // namespace winnow::cli
