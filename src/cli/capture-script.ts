/**
 * `ramledger capture-script`: prints public/ramledger-capture.sh, built into the CLI, so
 * `ramledger capture-script | ssh root@dev sh -s > bundle.txt` needs nothing but the CLI.
 */
import script from '../../public/ramledger-capture.sh?raw';

export const CAPTURE_SCRIPT: string = script;
