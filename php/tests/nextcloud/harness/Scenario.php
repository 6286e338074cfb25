<?php

declare(strict_types=1);

namespace OnlyOffice\Jwt\Tests\Nextcloud;

/**
 * One row of the attack table: requests played against a fresh Installation without
 * and with the guard, each run described by a verdict (`saved`, `refused by the guard
 * (invalid_claim)`, `ATTACK SUCCEEDED: …`), and the verdicts expected.
 */
final class Scenario
{
    /** An attack: it must succeed without the guard and be refused by it. */
    public const ATTACK = 'attack';

    /** The Document Server's own traffic: it must go through with and without the guard. */
    public const TRAFFIC = 'traffic';

    /** A case of the installation's configuration, whose verdicts are its own. */
    public const CONFIGURATION = 'configuration';

    /**
     * @param string                 $kind    ATTACK, TRAFFIC or CONFIGURATION
     * @param string                 $without the verdict expected without the guard
     * @param string                 $with    the verdict expected with it
     * @param \Closure(bool): string $play    one run, with the guard or not, and its verdict
     */
    public function __construct(
        public readonly string $name,
        public readonly string $kind,
        public readonly string $without,
        public readonly string $with,
        private readonly \Closure $play
    ) {
    }

    /** The verdict of one run on a fresh installation. */
    public function play(bool $guard): string
    {
        return ($this->play)($guard);
    }
}
