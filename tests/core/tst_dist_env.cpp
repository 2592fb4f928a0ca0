// The distributed environment (issue 12): torchrun's and Slurm's variables give rank, world
// size, local rank and the master; missing, malformed or inconsistent ones give an error naming
// the variable; Slurm's compressed host lists expand.
#include <QtTest>

#include <map>

#include "core/train/dist_env.h"
#include "core/util/error.h"

using namespace winnow::core;

namespace {

using Vars = std::map<std::string, std::string>;

DistEnv parse(const Vars& vars) {
    return parseDistEnv([&](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    });
}

// The message of the Error parse() throws, or "" when it does not throw.
std::string errorOf(const Vars& vars) {
    try {
        parse(vars);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string errorOfList(const std::string& list) {
    try {
        expandSlurmNodeList(list);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

const Vars kTorchrun{{"RANK", "3"}, {"WORLD_SIZE", "4"}, {"LOCAL_RANK", "1"}, {"LOCAL_WORLD_SIZE", "2"},
                     {"MASTER_ADDR", "10.0.0.7"}, {"MASTER_PORT", "29400"}};
const Vars kSlurm{{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "8"}, {"SLURM_LOCALID", "1"},
                  {"SLURM_JOB_NODELIST", "gpu[07-09,12]"}};

Vars with(Vars v, const std::string& k, const std::string& value) {
    v[k] = value;
    return v;
}
Vars without(Vars v, const std::string& k) {
    v.erase(k);
    return v;
}

}  // namespace

class TestDistEnv : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noLauncherIsOneProcess() {
        DistEnv e = parse({{"HOME", "/root"}, {"MASTER_ADDR", "x"}});  // MASTER_ADDR alone launches nothing
        QCOMPARE(e.launcher, std::string("none"));
        QCOMPARE(e.rank, 0);
        QCOMPARE(e.worldSize, 1);
        QVERIFY(!e.multiProcess());
    }

    void torchrunVariables() {
        DistEnv e = parse(kTorchrun);
        QCOMPARE(e.launcher, std::string("torchrun"));
        QCOMPARE(e.rank, 3);
        QCOMPARE(e.worldSize, 4);
        QCOMPARE(e.localRank, 1);
        QCOMPARE(e.masterAddr, std::string("10.0.0.7"));
        QCOMPARE(e.masterPort, 29400);
        QVERIFY(e.multiProcess());
    }

    void torchrunWinsInsideASlurmJob() {
        Vars v = kTorchrun;
        v.insert(kSlurm.begin(), kSlurm.end());
        DistEnv e = parse(v);
        QCOMPARE(e.launcher, std::string("torchrun"));
        QCOMPARE(e.rank, 3);
        QCOMPARE(e.masterAddr, std::string("10.0.0.7"));
    }

    void torchrunErrorsNameTheVariable_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");  // "<unset>" removes it
        QTest::addColumn<QString>("expected");
        QTest::newRow("no MASTER_PORT") << "MASTER_PORT" << "<unset>" << "torchrun environment: MASTER_PORT is not set";
        QTest::newRow("no MASTER_ADDR") << "MASTER_ADDR" << "<unset>" << "torchrun environment: MASTER_ADDR is not set";
        QTest::newRow("empty WORLD_SIZE") << "WORLD_SIZE" << "" << "WORLD_SIZE is not set";
        QTest::newRow("no LOCAL_RANK") << "LOCAL_RANK" << "<unset>" << "LOCAL_RANK is not set";
        QTest::newRow("rank too big") << "RANK" << "4" << "RANK=4 is not below WORLD_SIZE=4";
        QTest::newRow("rank not a number") << "RANK" << "two" << "RANK='two' is not a whole number";
        QTest::newRow("negative rank") << "RANK" << "-1" << "RANK='-1' is not a whole number";
        QTest::newRow("world size 0") << "WORLD_SIZE" << "0" << "WORLD_SIZE=0 is outside 1..";
        QTest::newRow("port 70000") << "MASTER_PORT" << "70000" << "MASTER_PORT=70000 is outside 1..65535";
        QTest::newRow("local rank beyond node") << "LOCAL_RANK" << "2" << "LOCAL_RANK=2 is not below LOCAL_WORLD_SIZE=2";
        QTest::newRow("local above global") << "RANK" << "0" << "LOCAL_RANK=1 is above RANK=0";
        QTest::newRow("address with space") << "MASTER_ADDR" << "a b" << "MASTER_ADDR='a b' is not a host name";
    }

    void torchrunErrorsNameTheVariable() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const Vars v = value == "<unset>" ? without(kTorchrun, key.toStdString())
                                          : with(kTorchrun, key.toStdString(), value.toStdString());
        const std::string msg = errorOf(v);
        QVERIFY2(msg.find(expected.toStdString()) != std::string::npos, msg.c_str());
    }

    void slurmVariables() {
        DistEnv e = parse(kSlurm);
        QCOMPARE(e.launcher, std::string("slurm"));
        QCOMPARE(e.rank, 5);
        QCOMPARE(e.worldSize, 8);
        QCOMPARE(e.localRank, 1);
        QCOMPARE(e.masterAddr, std::string("gpu07"));  // first host of the job
        QCOMPARE(e.masterPort, kDefaultMasterPort);
        // The environment's master wins over the host list.
        e = parse(with(with(kSlurm, "MASTER_ADDR", "head.cluster"), "MASTER_PORT", "12345"));
        QCOMPARE(e.masterAddr, std::string("head.cluster"));
        QCOMPARE(e.masterPort, 12345);
        // Older Slurm: SLURM_NPROCS and SLURM_NODELIST.
        Vars old = without(without(kSlurm, "SLURM_NTASKS"), "SLURM_JOB_NODELIST");
        old["SLURM_NPROCS"] = "8";
        old["SLURM_NODELIST"] = "n3,n4";
        e = parse(old);
        QCOMPARE(e.worldSize, 8);
        QCOMPARE(e.masterAddr, std::string("n3"));
    }

    void slurmErrorsNameTheVariable_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no ntasks") << "SLURM_NTASKS" << "<unset>" << "Slurm environment: SLURM_NTASKS is not set";
        QTest::newRow("no localid") << "SLURM_LOCALID" << "<unset>" << "SLURM_LOCALID is not set";
        QTest::newRow("no master") << "SLURM_JOB_NODELIST" << "<unset>" << "neither MASTER_ADDR nor SLURM_JOB_NODELIST";
        QTest::newRow("procid too big") << "SLURM_PROCID" << "8" << "SLURM_PROCID=8 is not below SLURM_NTASKS=8";
        QTest::newRow("bad nodelist") << "SLURM_JOB_NODELIST" << "gpu[07-" << "has a '[' without its ']'";
        QTest::newRow("bad port") << "MASTER_PORT" << "http" << "MASTER_PORT='http' is not a whole number";
    }

    void slurmErrorsNameTheVariable() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const Vars v = value == "<unset>" ? without(kSlurm, key.toStdString())
                                          : with(kSlurm, key.toStdString(), value.toStdString());
        const std::string msg = errorOf(v);
        QVERIFY2(msg.find(expected.toStdString()) != std::string::npos, msg.c_str());
    }

    void nodeListsExpand() {
        using L = std::vector<std::string>;
        QCOMPARE(expandSlurmNodeList("node[01-03,07]"), (L{"node01", "node02", "node03", "node07"}));
        QCOMPARE(expandSlurmNodeList("solo"), (L{"solo"}));
        QCOMPARE(expandSlurmNodeList("a1,b[2-3],c"), (L{"a1", "b2", "b3", "c"}));
        QCOMPARE(expandSlurmNodeList("n[8-10]"), (L{"n8", "n9", "n10"}));
        QCOMPARE(expandSlurmNodeList("n[098-101]"), (L{"n098", "n099", "n100", "n101"}));
        QCOMPARE(expandSlurmNodeList("r[1-2]-n[3-4]"), (L{"r1-n3", "r1-n4", "r2-n3", "r2-n4"}));
        QCOMPARE(expandSlurmNodeList("gpu-a[5],gpu-b[1,3]"), (L{"gpu-a5", "gpu-b1", "gpu-b3"}));
    }

    void badNodeListsAreRefused_data() {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "is empty";
        QTest::newRow("unclosed") << "node[01-03" << "'[' without its ']'";
        QTest::newRow("stray close") << "node01]" << "']' without its '['";
        QTest::newRow("backwards") << "node[5-3]" << "runs backwards";
        QTest::newRow("letters") << "node[a-c]" << "is not a range of numbers";
        QTest::newRow("empty item") << "node[1,,2]" << "is not a number or a range";
        QTest::newRow("nested") << "node[1[2]]" << "nested brackets";
        QTest::newRow("empty host") << "a,,b" << "empty host name";
        QTest::newRow("huge") << "n[0-999999],m[0-9]" << "more than a million hosts";
    }

    void badNodeListsAreRefused() {
        QFETCH(QString, list);
        QFETCH(QString, expected);
        const std::string msg = errorOfList(list.toStdString());
        QVERIFY2(msg.find(expected.toStdString()) != std::string::npos, msg.c_str());
        QVERIFY2(list.isEmpty() || msg.find(list.toStdString()) != std::string::npos, msg.c_str());  // names the list
    }
};

QTEST_GUILESS_MAIN(TestDistEnv)
#include "tst_dist_env.moc"
