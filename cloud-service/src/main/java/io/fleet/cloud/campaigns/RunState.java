package io.fleet.cloud.campaigns;

/**
 * The states of a campaign run: QUEUED until the dispatcher leases it to a rig (LEASED: its job is queued there),
 * RUNNING once the rig started the job, then PASSED or FAILED with the rig's verdict, ERROR when it lost more leases
 * than the campaign's {@code retries}, or CANCELED with its campaign.
 */
public enum RunState {
    QUEUED, LEASED, RUNNING, PASSED, FAILED, ERROR, CANCELED;

    public boolean isLeased() {
        return this == LEASED || this == RUNNING;
    }

    public boolean isOver() {
        return this == PASSED || this == FAILED || this == ERROR || this == CANCELED;
    }
}
