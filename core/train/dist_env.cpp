#include "core/train/dist_env.h"

#include <cstdlib>

#include "core/util/error.h"

namespace winnow::core {

namespace {

constexpr size_t kMaxHosts = 1000000;

bool allDigits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// The numbers of one bracket group ("01-03,07"), zero padding kept as the range's start has it.
std::vector<std::string> expandGroup(const std::string& group, const std::string& list) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t comma = group.find(',', start);
        const std::string item = group.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const size_t dash = item.find('-');
        if (dash == std::string::npos) {
            if (!allDigits(item))
                throw Error("Slurm host list '" + list + "': '" + item + "' in brackets is not a number or a range");
            out.push_back(item);
        } else {
            const std::string lo = item.substr(0, dash), hi = item.substr(dash + 1);
            if (!allDigits(lo) || !allDigits(hi) || lo.size() > 9 || hi.size() > 9)
                throw Error("Slurm host list '" + list + "': '" + item + "' is not a range of numbers");
            const long a = std::stol(lo), b = std::stol(hi);
            if (b < a) throw Error("Slurm host list '" + list + "': the range '" + item + "' runs backwards");
            if (size_t(b - a) >= kMaxHosts)
                throw Error("Slurm host list '" + list + "': the range '" + item + "' is too large");
            for (long v = a; v <= b; ++v) {
                std::string digits = std::to_string(v);
                if (digits.size() < lo.size()) digits.insert(0, lo.size() - digits.size(), '0');
                out.push_back(digits);
            }
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// One host pattern ("r[1-2]-n[3-4]"): the product of its literal parts and bracket groups.
void expandHost(const std::string& pattern, const std::string& list, std::vector<std::string>& hosts) {
    if (pattern.empty()) throw Error("Slurm host list '" + list + "' has an empty host name");
    std::vector<std::string> partial{""};
    size_t i = 0;
    while (i < pattern.size()) {
        const char c = pattern[i];
        if (c == ']') throw Error("Slurm host list '" + list + "' has a ']' without its '['");
        if (c != '[') {
            for (auto& p : partial) p.push_back(c);
            ++i;
            continue;
        }
        const size_t close = pattern.find(']', i + 1);
        if (close == std::string::npos) throw Error("Slurm host list '" + list + "' has a '[' without its ']'");
        const std::string group = pattern.substr(i + 1, close - i - 1);
        if (group.find('[') != std::string::npos)
            throw Error("Slurm host list '" + list + "' has nested brackets");
        const auto numbers = expandGroup(group, list);
        if (partial.size() * numbers.size() + hosts.size() > kMaxHosts)
            throw Error("Slurm host list '" + list + "' names more than a million hosts");
        std::vector<std::string> next;
        next.reserve(partial.size() * numbers.size());
        for (const auto& p : partial)
            for (const auto& n : numbers) next.push_back(p + n);
        partial = std::move(next);
        i = close + 1;
    }
    hosts.insert(hosts.end(), partial.begin(), partial.end());
}

struct Reader {
    const EnvLookup& env;
    std::string launcher;

    std::optional<std::string> get(const std::string& name) const {
        auto v = env(name);
        if (v && v->empty()) return std::nullopt;  // set but empty counts as unset
        return v;
    }
    std::string required(const std::string& name, const std::string& why = "") const {
        auto v = get(name);
        if (!v) throw Error(launcher + " environment: " + name + " is not set" + why);
        return *v;
    }
    int integer(const std::string& name, const std::string& value, long lo, long hi) const {
        if (!allDigits(value) || value.size() > 9)
            throw Error(launcher + " environment: " + name + "='" + value + "' is not a whole number");
        const long v = std::stol(value);
        if (v < lo || v > hi)
            throw Error(launcher + " environment: " + name + "=" + value + " is outside " + std::to_string(lo) +
                        ".." + std::to_string(hi));
        return int(v);
    }
    void checkAddress(const std::string& name, const std::string& value) const {
        for (char c : value)
            if (c == ' ' || c == '\t' || c == '\n' || c == ',' || c == '[' || c == ']')
                throw Error(launcher + " environment: " + name + "='" + value + "' is not a host name or address");
    }
    void checkRanks(DistEnv& e, const std::string& rankName, const std::string& sizeName,
                    const std::string& localName) const {
        if (e.rank >= e.worldSize)
            throw Error(launcher + " environment: " + rankName + "=" + std::to_string(e.rank) + " is not below " +
                        sizeName + "=" + std::to_string(e.worldSize));
        if (e.localRank > e.rank)
            throw Error(launcher + " environment: " + localName + "=" + std::to_string(e.localRank) +
                        " is above " + rankName + "=" + std::to_string(e.rank) +
                        " (a node's local ranks are among the global ones)");
    }
};

}  // namespace

std::vector<std::string> expandSlurmNodeList(const std::string& list) {
    std::vector<std::string> hosts;
    if (list.empty()) throw Error("the Slurm host list is empty");
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i <= list.size(); ++i) {
        const char c = i < list.size() ? list[i] : ',';
        if (c == '[') ++depth;
        if (c == ']') --depth;
        if (c == ',' && (depth <= 0 || i == list.size())) {  // the end closes the last host either way
            if (depth < 0) throw Error("Slurm host list '" + list + "' has a ']' without its '['");
            expandHost(list.substr(start, i - start), list, hosts);
            start = i + 1;
        }
    }
    return hosts;
}

DistEnv parseDistEnv(const EnvLookup& env) {
    DistEnv e;
    Reader torchrun{env, "torchrun"};
    const bool isTorchrun = torchrun.get("RANK") || torchrun.get("WORLD_SIZE") || torchrun.get("LOCAL_RANK");
    if (isTorchrun) {
        const Reader& r = torchrun;
        e.launcher = "torchrun";
        e.worldSize = r.integer("WORLD_SIZE", r.required("WORLD_SIZE"), 1, 1 << 20);
        e.rank = r.integer("RANK", r.required("RANK"), 0, 1 << 20);
        e.localRank = r.integer("LOCAL_RANK", r.required("LOCAL_RANK"), 0, 1 << 20);
        r.checkRanks(e, "RANK", "WORLD_SIZE", "LOCAL_RANK");
        if (auto lws = r.get("LOCAL_WORLD_SIZE")) {
            const int n = r.integer("LOCAL_WORLD_SIZE", *lws, 1, e.worldSize);
            if (e.localRank >= n)
                throw Error("torchrun environment: LOCAL_RANK=" + std::to_string(e.localRank) +
                            " is not below LOCAL_WORLD_SIZE=" + std::to_string(n));
        }
        e.masterAddr = r.required("MASTER_ADDR");
        r.checkAddress("MASTER_ADDR", e.masterAddr);
        e.masterPort = r.integer("MASTER_PORT", r.required("MASTER_PORT"), 1, 65535);
        return e;
    }
    Reader slurm{env, "Slurm"};
    if (!slurm.get("SLURM_PROCID")) return e;  // one process
    const Reader& r = slurm;
    e.launcher = "slurm";
    const auto ntasks = r.get("SLURM_NTASKS") ? r.get("SLURM_NTASKS") : r.get("SLURM_NPROCS");
    if (!ntasks) throw Error("Slurm environment: SLURM_NTASKS is not set (SLURM_PROCID is; start the job with srun)");
    e.worldSize = r.integer(r.get("SLURM_NTASKS") ? "SLURM_NTASKS" : "SLURM_NPROCS", *ntasks, 1, 1 << 20);
    e.rank = r.integer("SLURM_PROCID", r.required("SLURM_PROCID"), 0, 1 << 20);
    e.localRank = r.integer("SLURM_LOCALID", r.required("SLURM_LOCALID", " (start the job with srun)"), 0, 1 << 20);
    r.checkRanks(e, "SLURM_PROCID", "SLURM_NTASKS", "SLURM_LOCALID");
    if (auto addr = r.get("MASTER_ADDR")) {
        e.masterAddr = *addr;
        r.checkAddress("MASTER_ADDR", e.masterAddr);
    } else {
        const char* name = r.get("SLURM_JOB_NODELIST") ? "SLURM_JOB_NODELIST" : "SLURM_NODELIST";
        const auto list = r.get(name);
        if (!list)
            throw Error("Slurm environment: neither MASTER_ADDR nor SLURM_JOB_NODELIST is set, so the master "
                        "host is unknown");
        try {
            e.masterAddr = expandSlurmNodeList(*list).front();
        } catch (const Error& err) {
            throw Error(std::string("Slurm environment: ") + name + ": " + err.what());
        }
    }
    e.masterPort = r.get("MASTER_PORT") ? r.integer("MASTER_PORT", *r.get("MASTER_PORT"), 1, 65535) : kDefaultMasterPort;
    return e;
}

DistEnv distEnvFromProcess() {
    return parseDistEnv([](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    });
}

}  // namespace winnow::core
