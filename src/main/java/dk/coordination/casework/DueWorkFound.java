package dk.coordination.casework;

import java.time.LocalDate;

/**
 * The daily look at a unit found work for its secretariat. Counts only: the secretariat
 * reads the details in the follow-up list, where access is checked.
 *
 * @param dueFollowUps open cases whose follow-up date has come
 * @param overdueTasks unfinished tasks of open cases past their due date
 * @param dueReviews pending reviews of closed cases that are due
 */
public record DueWorkFound(String unitCode, LocalDate date, int dueFollowUps, int overdueTasks, int dueReviews) {
}
