-- CreateTable
CREATE TABLE "QuestionDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "bank" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    CONSTRAINT "QuestionDraft_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuestionDraft_courseId_bank_slug_language_createdAt_idx" ON "QuestionDraft"("courseId", "bank", "slug", "language", "createdAt");

-- CreateIndex
CREATE INDEX "QuestionDraft_authorId_idx" ON "QuestionDraft"("authorId");
