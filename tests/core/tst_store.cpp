// Project file: creation, WAL, migrations with backup, refusal of newer files.
#include <QtTest>

#include <filesystem>

#include "core/store/migrations.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path file(const char* name) { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void createSetsLatestSchemaAndWal() {
        auto p = Project::create(file("a.winnow"));
        QCOMPARE(p->schemaVersion(), latestSchemaVersion());
        QCOMPARE(QString::fromStdString(p->db().queryText("PRAGMA journal_mode")), QString("wal"));
        QCOMPARE(p->db().queryInt64("PRAGMA foreign_keys"), 1);
        QCOMPARE(QString::fromStdString(p->meta("current_label_version")), QString("1"));
        QVERIFY(p->cacheDir().string().find("a.winnow-cache") != std::string::npos);
    }

    void createRefusesExistingFile() {
        Project::create(file("b.winnow"));
        QVERIFY_THROWS_EXCEPTION(Error, Project::create(file("b.winnow")));
    }

    void foreignKeysAreEnforced() {
        auto p = Project::create(file("fk.winnow"));
        QVERIFY_THROWS_EXCEPTION(
            Error, p->db().exec("INSERT INTO samples(media_kind, path, label) VALUES(0,'x',999)"));
    }

    // A column read when step() found no row (SQLite leaves it undefined; it read as 0 / "")
    // is an error naming the statement, also after the last row and after reset().
    void columnReadWithoutARowThrows() {
        auto p = Project::create(file("norow.winnow"));
        auto none = p->db().prepare("SELECT id, name FROM classes WHERE id=?");
        none.bind(1, 42);
        QVERIFY(!none.step());
        QVERIFY_THROWS_EXCEPTION(Error, none.int64(0));
        QVERIFY_THROWS_EXCEPTION(Error, none.text(1));
        QVERIFY_THROWS_EXCEPTION(Error, none.isNull(0));
        QVERIFY_THROWS_EXCEPTION(Error, none.real(0));
        QVERIFY_THROWS_EXCEPTION(Error, none.blob(0));
        QVERIFY_THROWS_EXCEPTION(Error, none.optInt64(0));
        try {
            (void)none.int64(0);
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("FROM classes") != std::string::npos, e.what());
        }
        p->db().exec("INSERT INTO classes(idx, name) VALUES(0, 'cat')");
        auto one = p->db().prepare("SELECT idx, name FROM classes");
        QVERIFY_THROWS_EXCEPTION(Error, one.int64(0));  // not stepped yet
        QVERIFY(one.step());
        QCOMPARE(one.text(1), std::string("cat"));
        QVERIFY(!one.step());
        QVERIFY_THROWS_EXCEPTION(Error, one.text(1));  // past the last row
        one.reset();
        QVERIFY_THROWS_EXCEPTION(Error, one.text(1));
        auto moved = std::move(one);
        QVERIFY(moved.step());
        QCOMPARE(moved.int64(0), int64_t(0));
    }

    void migratesOldFileWithBackup() {
        fs::path f = file("old.winnow");
        {
            // Build a schema-1 file by hand, as an older Winnow would have left it.
            Database db(f, Database::Mode::ReadWriteCreate);
            db.exec("PRAGMA application_id=1466527309");
            db.exec(migrations().front().sql);
            db.exec("PRAGMA user_version=1");
            db.exec("INSERT INTO classes(idx,name) VALUES(0,'cat')");
        }
        auto p = Project::open(f);
        QCOMPARE(p->schemaVersion(), latestSchemaVersion());
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM classes"), 1);
        // Tables of later steps exist.
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM sqlite_master WHERE name='runs'"), 1);
        fs::path backup = f;
        backup += ".v1.bak";
        QVERIFY(fs::exists(backup));
        Database b(backup, Database::Mode::ReadOnly);
        QCOMPARE(b.queryInt64("PRAGMA user_version"), 1);
        QCOMPARE(b.queryInt64("SELECT count(*) FROM classes"), 1);
    }

    void refusesNewerFileUnchanged() {
        fs::path f = file("newer.winnow");
        { Project::create(f); }
        {
            Database db(f, Database::Mode::ReadWrite);
            db.exec("PRAGMA user_version=" + std::to_string(latestSchemaVersion() + 5));
        }
        auto size = fs::file_size(f);
        try {
            Project::open(f);
            QFAIL("a newer project file was opened");
        } catch (const Error& e) {
            QString msg = e.what();
            QVERIFY2(msg.contains("newer version of Winnow"), qPrintable(msg));
            QVERIFY(msg.contains("newer.winnow"));
        }
        QCOMPARE(fs::file_size(f), size);
        Database db(f, Database::Mode::ReadOnly);
        QCOMPARE(db.queryInt64("PRAGMA user_version"), latestSchemaVersion() + 5);
    }

    void refusesForeignSqliteFile() {
        fs::path f = file("other.sqlite");
        {
            Database db(f, Database::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE t(x)");
        }
        QVERIFY_THROWS_EXCEPTION(Error, Project::open(f));
    }

    void failedMigrationRollsBack() {
        fs::path f = file("broken.winnow");
        {
            Database db(f, Database::Mode::ReadWriteCreate);
            db.exec("PRAGMA application_id=1466527309");
            db.exec(migrations().front().sql);
            db.exec("PRAGMA user_version=1");
            db.exec("CREATE TABLE runs(x)");  // collides with step 2
        }
        QVERIFY_THROWS_EXCEPTION(Error, Project::open(f));
        Database db(f, Database::Mode::ReadOnly);
        QCOMPARE(db.queryInt64("PRAGMA user_version"), 1);
    }

    void missingFileHasClearMessage() {
        try {
            Project::open(file("nope.winnow"));
            QFAIL("opened a missing file");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("nope.winnow"));
        }
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
