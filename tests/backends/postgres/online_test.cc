// Online-safe apply on a real PostgreSQL server: another session keeps
// writing while a foreign key and a unique are added to its table; a lock
// held elsewhere ends the apply within --lock-timeout and changes nothing; a
// CONCURRENTLY build that fails leaves no invalid index behind.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "pg_plan_fixture.h"

namespace keyway::testing::pg {
namespace {

using namespace std::chrono_literals;
using schema::Action;
using schema::TypeKind;

// Inserts rows into post on its own session, one autocommit INSERT at a
// time, until told to stop, 10 seconds have passed or 50,000 rows are in.
// Every row satisfies the constraints the tests add.
class Writer {
 public:
  explicit Writer(const std::string& url) : session_(*soci::factory_postgresql(), url) {}
  ~Writer() { stop(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void start() { thread_ = std::thread([this] { run(); }); }
  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  long long inserted() const { return inserted_; }
  // The first failed insert; read after stop().
  const std::string& error() const { return error_; }

  // Waits until the writer has inserted at least one row (or gave up).
  void wait_until_writing() const {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (inserted_ == 0 && !failed_ && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);
    }
  }

 private:
  static constexpr long long kMaxRows = 50000;

  void run() {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!stopping_ && inserted_ < kMaxRows && std::chrono::steady_clock::now() < deadline) {
      const std::string title = "writer " + std::to_string(inserted_.load());
      try {
        session_ << "INSERT INTO post (author_id, title, editor_id) VALUES (2, :title, 3)",
            soci::use(title);
      } catch (const std::exception& e) {
        error_ = e.what();
        failed_ = true;
        return;
      }
      ++inserted_;
    }
  }

  soci::session session_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<long long> inserted_{0};
  std::atomic<bool> failed_{false};
  std::string error_;  // written once, before failed_
};

class PostgresOnline : public PgPlanTest {
 protected:
  PostgresOnline() {
    sql(kBlogSql);
    sql(kBlogRows);
  }

  long long count(const std::string& query) { return std::stoll(rows(query)); }
};

TEST_F(PostgresOnline, WritesKeepSucceedingWhileAForeignKeyAndAUniqueAreAdded) {
  sql("INSERT INTO post (author_id, title, editor_id) "
      "SELECT 1 + g % 3, 'bulk ' || g, 1 + g % 3 FROM generate_series(1, 100000) AS g");
  const long long before = count("SELECT count(*) FROM post");
  const plan::Plan plan = render(
      {diff::AddUnique{"post", {"post_author_id_title_key", {"author_id", "title"}, false}},
       diff::AddForeignKey{"post", foreign_key("post_editor_id_fkey", "editor_id", "author",
                                               Action::kSetNull)}},
      blog());
  ASSERT_TRUE(plan.steps[0].outside_transaction);  // CONCURRENTLY, then USING INDEX
  ASSERT_TRUE(plan.steps[2].outside_transaction);  // VALIDATE CONSTRAINT

  Writer writer(url());
  writer.start();
  writer.wait_until_writing();
  const long long at_start = writer.inserted();
  apply(plan);
  const long long at_end = writer.inserted();
  writer.stop();

  EXPECT_EQ(writer.error(), "");
  EXPECT_GT(at_end, at_start) << "the writer was not held up while the plan ran";
  EXPECT_EQ(count("SELECT count(*) FROM post"), before + writer.inserted());
  EXPECT_EQ(rows("SELECT conname, contype, convalidated FROM pg_constraint "
                 "WHERE conname IN ('post_author_id_title_key', 'post_editor_id_fkey') ORDER BY 1"),
            "post_author_id_title_key|u|1\npost_editor_id_fkey|f|1\n");
  EXPECT_EQ(rows("SELECT count(*) FROM pg_index WHERE NOT indisvalid"), "0\n");
}

TEST_F(PostgresOnline, ALockHeldByAnotherSessionEndsTheApplyClearlyAndChangesNothing) {
  const std::string before = shape();
  soci::session other(*soci::factory_postgresql(), url());
  other << "BEGIN";
  other << "LOCK TABLE post IN ACCESS EXCLUSIVE MODE";
  schema::Table tag = table("tag", {id_column(), column("name", {TypeKind::kText})});
  const plan::Plan plan = render(
      {diff::AddTable{tag}, diff::AddColumn{"post", column("body", {TypeKind::kText}, true)}},
      blog());

  const auto started = std::chrono::steady_clock::now();
  const std::string error = apply_error(plan, 200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(error,
            "could not get a lock on post within 200ms (--lock-timeout); another session holds "
            "it; nothing was changed\n"
            "  step 2 (add column post.body text NULL)\n"
            "  statement: ALTER TABLE \"public\".\"post\" ADD COLUMN \"body\" text");
  other << "ROLLBACK";
  EXPECT_EQ(shape(), before);
  EXPECT_EQ(rows("SHOW lock_timeout"), "0\n") << "the session's own setting is put back";
}

TEST_F(PostgresOnline, ADataCheckBehindAnotherSessionsLockGivesUpWithinTheLockTimeout) {
  soci::session other(*soci::factory_postgresql(), url());
  other << "BEGIN";
  other << "LOCK TABLE post IN ACCESS EXCLUSIVE MODE";  // blocks readers too
  const plan::Plan plan =
      render({diff::AddUnique{"post", {"post_author_id_key", {"author_id"}, false}}}, blog());
  const std::string error = apply_error(plan, 200ms);
  EXPECT_TRUE(error.starts_with("could not get a lock on post within 200ms (--lock-timeout); "
                                "another session holds it; nothing was changed\n"
                                "  step 1 (add unique post.author_id)\n"
                                "  statement: SELECT COALESCE(SUM(\"n\"), 0)"))
      << error;
  other << "ROLLBACK";
}

TEST_F(PostgresOnline, ALockHeldDuringAConcurrentIndexBuildLeavesNoIndexBehind) {
  const std::string before = shape();
  soci::session other(*soci::factory_postgresql(), url());
  other << "BEGIN";
  other << "LOCK TABLE post IN SHARE MODE";  // blocks CREATE INDEX CONCURRENTLY, not readers
  const plan::Plan plan = render({diff::AddIndex{"post", {"post_title_idx", {"title"}}}}, blog());
  EXPECT_EQ(apply_error(plan, 200ms),
            "could not get a lock on post within 200ms (--lock-timeout); another session holds "
            "it; nothing was changed\n"
            "  step 1 (add index post_title_idx on post.title)\n"
            "  statement: CREATE INDEX CONCURRENTLY \"post_title_idx\" ON \"public\".\"post\" "
            "(\"title\")");
  other << "ROLLBACK";
  EXPECT_EQ(shape(), before);
}

TEST_F(PostgresOnline, AConcurrentUniqueBuildThatMeetsDuplicatesLeavesNoInvalidIndexBehind) {
  const std::string before = shape();
  plan::Plan plan =
      render({diff::AddColumn{"post", column("body", {TypeKind::kText}, true)},
              diff::AddUnique{"post", {"post_author_id_key", {"author_id"}, false}}},
             blog());
  ASSERT_EQ(plan.steps[1].checks.size(), 1u);
  // As if the duplicates had been written after the data check ran.
  plan.steps[1].checks.clear();
  EXPECT_EQ(apply_error(plan),
            "step 2 (add unique post.author_id) failed, the steps before it were applied, this "
            "one and the ones after it were not: could not create unique index "
            "\"post_author_id_key\"\n"
            "  DETAIL: Key (author_id)=(1) is duplicated.\n"
            "  statement: CREATE UNIQUE INDEX CONCURRENTLY \"post_author_id_key\" ON "
            "\"public\".\"post\" (\"author_id\")\n"
            "  the index \"public\".\"post_author_id_key\" it left was dropped");
  EXPECT_EQ(rows("SELECT count(*) FROM pg_index WHERE NOT indisvalid"), "0\n");
  EXPECT_EQ(rows("SELECT to_regclass('public.post_author_id_key') IS NULL"), "1\n");
  EXPECT_NE(shape(), before) << "the column added in the committed transaction stays";
}

}  // namespace
}  // namespace keyway::testing::pg
