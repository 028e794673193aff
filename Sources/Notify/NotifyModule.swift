/// Recruiter notifications: outbox dispatcher and channels (see the notifications work).
enum NotifyModule {}
