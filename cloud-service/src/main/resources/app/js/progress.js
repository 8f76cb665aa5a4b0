// What a command's status means to an owner: sent -> car received -> done / refused with the car's reason / timed
// out. Only the car's own report (SUCCEEDED, REJECTED, FAILED with its reason) is called an outcome; statuses this
// app does not know yet are shown as the API names them, never guessed.

const FINAL = new Set(['SUCCEEDED', 'REJECTED', 'FAILED', 'TIMED_OUT', 'CANCELED', 'EXPIRED']);

export const isFinal = status => FINAL.has(status);

/** Only a command the car has not received yet can be canceled (DELETE answers 409 after that). */
export const isCancellable = command => command.status === 'PENDING';

/** {steps: [[label, state]], text, tone} with state done | current | failed | todo. */
export function describe(command, online) {
    const reason = command.reason ? `: ${command.reason}` : '';
    const sent = ['Sent', 'done'];
    switch (command.status) {
        case 'PENDING':
            return view([sent, ['Car received', 'current'], ['Done', 'todo']], (online === false
                ? 'Sent. The car is offline; it gets the command when it connects.'
                : 'Sent. Waiting for the car to receive it…') + expiry(command), 'busy');
        case 'DELIVERED':
            return view([sent, ['Car received', 'done'], ['Done', 'current']],
                'The car received it. Waiting for the car to confirm…', 'busy');
        case 'SUCCEEDED':
            return view([sent, ['Car received', 'done'], ['Done', 'done']],
                command.reason ? `Done (${command.reason}).` : 'Done: the car confirmed it.', 'ok');
        case 'REJECTED':
            return view([sent, ['Car received', 'done'], ['Refused', 'failed']], `Refused by the car${reason}.`, 'bad');
        case 'FAILED':
            return view([sent, ['Failed', 'failed']], `Failed${reason}.`, 'bad');
        case 'TIMED_OUT':
            return view([sent, ['Timed out', 'failed']],
                `Timed out: the car did not confirm in time, so the command was withdrawn${reason}.`, 'bad');
        case 'CANCELED':
            return view([sent, ['Canceled', 'failed']], `Canceled before the car received it${reason}.`, 'bad');
        case 'EXPIRED':
            return view([sent, ['Expired', 'failed']], `Expired: the car did not receive it in time${reason}.`, 'bad');
        default:
            return view([sent, [String(command.status), 'current']], `Status ${command.status}${reason}.`,
                'busy');
    }
}

/** When an unreceived command lapses, if it was given an expiry. */
function expiry(command) {
    if (typeof command.expiresAt !== 'number') {
        return '';
    }
    const at = new Date(command.expiresAt).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    return ` It expires at ${at} unless the car receives it first.`;
}

function view(steps, text, tone) {
    return {steps, text, tone};
}
