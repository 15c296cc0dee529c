-- AlterTable
ALTER TABLE "CohortSession" ADD COLUMN "key" TEXT;

-- CreateTable
CREATE TABLE "CohortAnnouncement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CohortAnnouncement_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CohortFacilitator" (
    "cohortId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "completedById" TEXT,
    "note" TEXT,

    PRIMARY KEY ("cohortId", "userId"),
    CONSTRAINT "CohortFacilitator_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CohortFacilitator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "moduleSlug" TEXT,
    "position" INTEGER NOT NULL,
    "dueDays" INTEGER NOT NULL,
    "titles" TEXT NOT NULL,
    "instructions" TEXT NOT NULL,
    "rubric" TEXT NOT NULL,
    "maxPoints" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "draftState" TEXT,
    "draftHtml" TEXT,
    "draftSavedAt" DATETIME,
    "dueAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Submission_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubmissionVersion_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SubmissionAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "versionId" TEXT,
    "fileName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubmissionAttachment_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SubmissionAttachment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SubmissionVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "scores" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "feedbackState" TEXT NOT NULL,
    "feedbackHtml" TEXT NOT NULL,
    "comments" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SubmissionVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MentorPairing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mentorId" TEXT NOT NULL,
    "traineeId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "activeKey" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "MentorPairing_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MentorPairing_traineeId_fkey" FOREIGN KEY ("traineeId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MentoringSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pairingId" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "minutes" INTEGER NOT NULL,
    "notes" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MentoringSession_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "MentorPairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PathwayCandidate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pathwayId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signedOffAt" DATETIME,
    "signedOffById" TEXT,
    "note" TEXT,
    CONSTRAINT "PathwayCandidate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CohortAnnouncement_cohortId_sentAt_idx" ON "CohortAnnouncement"("cohortId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "CohortAnnouncement_cohortId_key_key" ON "CohortAnnouncement"("cohortId", "key");

-- CreateIndex
CREATE INDEX "CohortFacilitator_userId_idx" ON "CohortFacilitator"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_courseId_slug_key" ON "Assignment"("courseId", "slug");

-- CreateIndex
CREATE INDEX "Submission_userId_idx" ON "Submission"("userId");

-- CreateIndex
CREATE INDEX "Submission_status_submittedAt_idx" ON "Submission"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_assignmentId_userId_key" ON "Submission"("assignmentId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SubmissionVersion_submissionId_number_key" ON "SubmissionVersion"("submissionId", "number");

-- CreateIndex
CREATE INDEX "SubmissionAttachment_submissionId_versionId_idx" ON "SubmissionAttachment"("submissionId", "versionId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_versionId_key" ON "Review"("versionId");

-- CreateIndex
CREATE INDEX "Review_mentorId_idx" ON "Review"("mentorId");

-- CreateIndex
CREATE UNIQUE INDEX "MentorPairing_activeKey_key" ON "MentorPairing"("activeKey");

-- CreateIndex
CREATE INDEX "MentorPairing_mentorId_endedAt_idx" ON "MentorPairing"("mentorId", "endedAt");

-- CreateIndex
CREATE INDEX "MentorPairing_traineeId_idx" ON "MentorPairing"("traineeId");

-- CreateIndex
CREATE INDEX "MentoringSession_pairingId_heldOn_idx" ON "MentoringSession"("pairingId", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "MentoringSession_pairingId_key_key" ON "MentoringSession"("pairingId", "key");

-- CreateIndex
CREATE INDEX "PathwayCandidate_pathwayId_status_idx" ON "PathwayCandidate"("pathwayId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PathwayCandidate_pathwayId_userId_key" ON "PathwayCandidate"("pathwayId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "CohortSession_cohortId_key_key" ON "CohortSession"("cohortId", "key");
