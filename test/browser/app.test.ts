// The web UI in headless Chromium against the real server: sign-in for every demo account,
// role-aware home pages and navigation, the language switch, sign-out, errors, the forbidden
// and not-found pages, and changing a password.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, skipReason, startHarness, type Harness } from './harness.ts';

type Role = 'learner' | 'supervisor' | 'agency_admin' | 'provider_admin' | 'national_admin' | 'auditor';

const ROLE_LABEL_ID: Record<Role, string> = {
  learner: 'Pelajar',
  supervisor: 'Atasan langsung',
  agency_admin: 'Admin instansi',
  provider_admin: 'Admin penyelenggara pelatihan',
  national_admin: 'Admin nasional',
  auditor: 'Auditor',
};

/** The navigation each role should see, in order (Indonesian). */
const NAV_ID: Record<Role, string[]> = {
  learner: ['Beranda', 'Kompetensi saya', 'Pembelajaran saya', 'Rekomendasi', 'Rencana pengembangan', 'Katalog pembelajaran', 'Aksi perubahan'],
  // The demo supervisor is also a learner.
  supervisor: ['Beranda', 'Kompetensi saya', 'Pembelajaran saya', 'Rekomendasi', 'Rencana pengembangan', 'Tim saya', 'Persetujuan', 'Persetujuan rencana', 'Pegawai', 'Katalog pembelajaran', 'Aksi perubahan'],
  agency_admin: ['Beranda', 'Persetujuan rencana', 'Pegawai', 'Kesenjangan instansi', 'Dasbor instansi', 'Nominasi', 'Kepatuhan JP', 'Rencana instansi', 'Impor data', 'Katalog pembelajaran', 'Aksi perubahan', 'Pengguna'],
  provider_admin: ['Beranda', 'Aksi perubahan', 'Program pelatihan', 'Angkatan', 'Dasbor penyelenggara', 'Rekam belajar (LRS)', 'Pengguna'],
  national_admin: ['Beranda', 'Pegawai', 'Impor data', 'Program pelatihan', 'Rekam belajar (LRS)', 'Dasbor nasional', 'Kesenjangan nasional', 'Rencana instansi (nasional)', 'Alokasi nasional', 'Kamus kompetensi', 'Standar kompetensi', 'Penyelenggara', 'Tinjauan program', 'Konversi JP', 'Pengguna', 'Log audit'],
  auditor: ['Beranda', 'Pegawai', 'Rekam belajar (LRS)', 'Dasbor nasional', 'Kesenjangan nasional', 'Rencana instansi (nasional)', 'Log audit'],
};

describe('web UI in the browser', { skip: skipReason() }, () => {
  let h: Harness;
  const account = (role: Role) => {
    const found = h.server.demoAccounts?.find((a) => a.role === role);
    assert.ok(found, `demo account for ${role}`);
    return found;
  };

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('E-mail atau NIP', { exact: true }).fill(email);
    await page.getByLabel('Kata sandi', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  }

  async function signedInAs(role: Role) {
    const { context, page } = await h.newPage();
    await page.goto('/masuk');
    await signIn(page, account(role).email, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { context, page };
  }

  const meStatus = (page: Page) => page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
  const navNames = (page: Page) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link').allTextContents();
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  test('every demo account signs in through the browser and lands on its home page in Indonesian', async () => {
    const accounts = h.server.demoAccounts ?? [];
    assert.equal(accounts.length, 6);
    for (const demo of accounts) {
      const role = demo.role as Role;
      const { context, page } = await h.newPage();
      // A protected page sends an anonymous visitor to the sign-in page.
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/masuk');
      assert.equal(await page.locator('html').getAttribute('lang'), 'id');
      assert.equal(await h1(page), 'Masuk ke Kembang');

      await signIn(page, demo.email, demo.password);
      await page.waitForURL((url) => url.pathname === '/');
      const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()));
      await page.getByRole('heading', { level: 1, name: `Selamat datang, ${me.displayName}` }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'id');
      assert.equal(await page.title(), 'Beranda · Kembang');
      assert.equal(await page.getByTestId('user-name').textContent(), me.displayName);
      assert.ok(await page.getByRole('button', { name: 'Keluar' }).isVisible());
      assert.equal(await page.locator('main#konten').count(), 1, 'one <main> landmark');
      assert.equal(await page.getByRole('link', { name: 'Langsung ke konten utama' }).count(), 1, 'skip link');

      const section = page.locator(`section[data-role="${role}"]`);
      assert.match((await section.getByRole('heading', { level: 2 }).textContent()) ?? '', new RegExp(`^${ROLE_LABEL_ID[role]}`), `${role} section heading`);
      assert.deepEqual(await navNames(page), NAV_ID[role], `navigation of ${role}`);

      switch (role) {
        case 'learner': {
          const profile = page.getByTestId('learner-profile');
          await profile.locator('dl').waitFor();
          const text = (await profile.textContent()) ?? '';
          assert.match(text, /NIP\d{18}/, 'learner sees own NIP');
          assert.match(text, /Pemerintah Provinsi Jawa Barat/);
          assert.ok(text.includes('Profil saya'));
          break;
        }
        case 'supervisor': {
          const rows = page.getByTestId('direct-reports').locator('tbody tr');
          await rows.first().waitFor();
          assert.ok((await rows.count()) >= 1, 'supervisor sees direct reports');
          // The demo supervisor is also a learner: both sections are there.
          assert.equal(await page.locator('section[data-role="learner"]').count(), 1);
          break;
        }
        case 'agency_admin': {
          const staff = page.getByTestId('agency-staff');
          await staff.locator('tbody tr').first().waitFor();
          const agencies = await staff.locator('tbody tr td:last-child').allTextContents();
          assert.ok(agencies.length >= 1 && agencies.length <= 10);
          assert.ok(agencies.every((a) => a === 'Pemerintah Provinsi Jawa Barat'), 'only staff of the admin\'s agency');
          // Searching narrows the list.
          const firstName = ((await staff.locator('tbody tr th').first().textContent()) ?? '').split(' ')[0];
          await staff.getByLabel('Cari nama atau NIP').fill(firstName);
          await page.waitForFunction(
            (name) => {
              const cells = [...document.querySelectorAll('[data-testid="agency-staff"] tbody tr th')];
              return cells.length > 0 && cells.every((c) => c.textContent?.toLowerCase().includes(name.toLowerCase()));
            },
            firstName,
          );
          break;
        }
        case 'provider_admin': {
          const institution = page.getByTestId('provider-institution');
          await institution.locator('dl').waitFor();
          const text = (await institution.textContent()) ?? '';
          assert.ok(text.includes('Lembaga Administrasi Negara'));
          assert.ok(text.includes('Lembaga pelatihan nasional'));
          break;
        }
        case 'national_admin':
        case 'auditor': {
          const audit = page.getByTestId('recent-audit');
          await audit.locator('tbody tr').first().waitFor();
          const rows = await audit.locator('tbody tr').count();
          assert.ok(rows >= 1 && rows <= 10, `${rows} recent audit rows`);
          // Known actions show their label (the code stays in the title); which ones are newest depends on the seed.
          const tags = await audit.locator('.tag').evaluateAll((els) => els.map((e) => [e.getAttribute('title'), e.textContent]));
          assert.ok(tags.some(([code, text]) => code !== text), `audit actions are translated: ${JSON.stringify(tags)}`);
          break;
        }
      }
      await context.close();
    }
  });

  test('switching to English changes the visible text, sets <html lang> and is remembered', async () => {
    // On the sign-in page.
    const anonymous = await h.newPage();
    await anonymous.page.goto('/masuk');
    await anonymous.page.getByRole('button', { name: 'English' }).click();
    await anonymous.page.getByRole('heading', { level: 1, name: 'Sign in to Kembang' }).waitFor();
    assert.equal(await anonymous.page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await anonymous.page.getByLabel('E-mail or NIP', { exact: true }).count(), 1);
    assert.equal(await anonymous.page.getByRole('button', { name: 'Sign in', exact: true }).count(), 1);
    assert.equal(await anonymous.page.getByText('Masuk ke Kembang').count(), 0);
    await anonymous.context.close();

    // Signed in.
    const { context, page } = await signedInAs('national_admin');
    await page.getByTestId('recent-audit').locator('tbody tr').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'false');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.deepEqual(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allTextContents(), ['Home', 'Staff', 'Import', 'Training programmes', 'Learning records (LRS)', 'National dashboard', 'National gaps', 'Agency plans (national)', 'National allocation', 'Competency dictionary', 'Competency standards', 'Providers', 'Programme review', 'JP conversion', 'Users', 'Audit log']);
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1);
    const tags = await page.getByTestId('recent-audit').locator('.tag').evaluateAll((els) => els.map((e) => [e.getAttribute('title') ?? '', e.textContent ?? '']));
    assert.ok(tags.some(([code, text]) => code !== text && /\b(created|published|seeded|changed)\b/.test(text)), JSON.stringify(tags));
    assert.match((await page.locator('section[data-role="national_admin"] h2').textContent()) ?? '', /^National administrator/);
    assert.equal(await page.title(), 'Home · Kembang');

    // Remembered across a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    // And back.
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('heading', { level: 1, name: /^Selamat datang, / }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    await context.close();
  });

  test('signing out returns to the sign-in page and ends the session', async () => {
    const { context, page } = await signedInAs('learner');
    assert.equal(await meStatus(page), 200);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname === '/masuk');
    await page.getByText('Anda telah keluar.').waitFor();
    assert.equal(await meStatus(page), 401);
    assert.equal((await context.cookies()).filter((c) => c.name === 'kembang_session').length, 0, 'session cookie cleared');
    // Protected pages send the visitor back to sign in, remembering where they were going.
    await page.goto('/akun/kata-sandi');
    await page.waitForURL((url) => url.pathname === '/masuk' && url.searchParams.get('kembali') === '/akun/kata-sandi');
    await context.close();
  });

  test('a wrong password shows an error and no session starts', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/masuk');
    // Empty form: checked in the browser, nothing sent.
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByText('Isi e-mail atau NIP.').waitFor();
    assert.equal(await page.getByLabel('E-mail atau NIP', { exact: true }).getAttribute('aria-invalid'), 'true');

    await signIn(page, account('learner').email, 'bukan-kata-sandinya');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    assert.equal(await alert.textContent(), 'E-mail/NIP atau kata sandi salah.');
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.equal(new URL(page.url()).pathname, '/masuk');
    assert.equal(await page.getByLabel('Kata sandi', { exact: true }).inputValue(), '', 'password field cleared');
    assert.equal(await meStatus(page), 401);

    // Other refusals are told apart by status (answers stubbed; the server's throttling has its own tests).
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({ status: 423, contentType: 'application/problem+json', headers: { 'retry-after': '600' }, body: JSON.stringify({ type: 'x', title: 'Temporarily locked', status: 423 }) }),
    );
    await signIn(page, account('learner').email, 'apa-saja-lagi');
    await page.getByText('Akun ini dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam 10 menit.').waitFor();
    await page.unroute('**/api/auth/login');
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({ status: 429, contentType: 'application/problem+json', body: JSON.stringify({ type: 'x', title: 'Too many requests', status: 429 }) }),
    );
    await signIn(page, account('learner').email, 'apa-saja-lagi');
    await page.getByText('Terlalu banyak percobaan masuk dari alamat ini. Coba lagi nanti.').waitFor();
    await context.close();
  });

  test('a learner opening an admin page sees the forbidden page', async () => {
    const { context, page } = await h.newPage();
    const usersCalls: string[] = [];
    page.on('request', (r) => new URL(r.url()).pathname.startsWith('/api/users') && usersCalls.push(r.url()));
    await page.goto('/admin/pengguna');
    await page.waitForURL((url) => url.pathname === '/masuk' && url.searchParams.get('kembali') === '/admin/pengguna');
    await signIn(page, account('learner').email, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/admin/pengguna');
    await page.getByRole('heading', { level: 1, name: 'Akses ditolak' }).waitFor();
    assert.equal(await page.title(), 'Akses ditolak · Kembang');
    assert.deepEqual(usersCalls, [], 'the page did not even ask the API');
    assert.ok(!(await navNames(page)).includes('Pengguna'));

    // Other admin pages too, by typing the address.
    await page.goto('/audit');
    await page.getByRole('heading', { level: 1, name: 'Akses ditolak' }).waitFor();
    await page.goto('/pegawai');
    await page.getByRole('heading', { level: 1, name: 'Akses ditolak' }).waitFor();

    // Back home from there.
    await page.getByRole('link', { name: 'Kembali ke beranda' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: /^Selamat datang, / }).waitFor();
    await context.close();
  });

  test('a 403 from any API call shows the forbidden page', async () => {
    const { context, page } = await signedInAs('learner');
    await page.route('**/api/civil-servants/**', (route) =>
      route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify({ type: 'https://kembang.go.id/problems/forbidden', title: 'Forbidden', status: 403 }) }),
    );
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Akses ditolak' }).waitFor();
    assert.equal(await page.getByTestId('learner-profile').count(), 0);
    await context.close();
  });

  test('admins see the users list, the staff search and the audit log', async () => {
    const { context, page } = await signedInAs('national_admin');
    await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/admin/pengguna');
    const users = page.getByTestId('users-table');
    await users.locator('tbody tr').first().waitFor();
    const emails = await users.locator('tbody tr td:nth-child(2)').allTextContents();
    for (const demo of h.server.demoAccounts ?? []) assert.ok(emails.includes(demo.email), `${demo.email} listed`);
    assert.equal(await page.getByRole('link', { name: 'Pengguna', exact: true }).getAttribute('aria-current'), 'page');
    // Focus moves to the main landmark after a page change.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'konten');
    // The skip link is the first stop of the keyboard and shows when focused.
    await page.reload();
    await page.getByTestId('users-table').waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Langsung ke konten utama' });
    assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'skip link on screen when focused');
    assert.notEqual(await skip.evaluate((el) => getComputedStyle(el).outlineStyle), 'none', 'visible focus');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'konten');

    await page.getByRole('link', { name: 'Log audit', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();

    await page.getByRole('link', { name: 'Pegawai', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pegawai' }).waitFor();
    await page.locator('main tbody tr').first().waitFor();
    assert.equal(await page.locator('main tbody tr').count(), 25);
    await page.getByRole('button', { name: 'Muat lebih banyak' }).click();
    await page.waitForFunction(() => document.querySelectorAll('main tbody tr').length === 50);

    // Browser history works with the client-side router.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Log audit' }).waitFor();
    await context.close();
  });

  test('unknown addresses show the not-found page; /login leads to /masuk', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/login');
    await page.waitForURL((url) => url.pathname === '/masuk');
    await signIn(page, account('provider_admin').email, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/tidak-ada/di-sini');
    await page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
    assert.ok(((await page.locator('main').textContent()) ?? '').includes('/tidak-ada/di-sini'));
    // Signed in, the sign-in page itself leads home.
    await page.goto('/masuk');
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });

  test('the SSO button appears when the server offers SSO', async () => {
    const { context, page } = await h.newPage();
    await page.goto('/masuk');
    await page.getByRole('heading', { level: 1, name: 'Masuk ke Kembang' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /^Masuk dengan/ }).count(), 0, 'no SSO button when SSO is off');
    await page.route('**/api/auth/config', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ oidc: { enabled: true, label: 'SSO ASN' } }) }));
    await page.reload();
    const sso = page.getByRole('link', { name: 'Masuk dengan SSO ASN' });
    await sso.waitFor();
    assert.equal(await sso.getAttribute('href'), '/api/auth/oidc/start?returnTo=%2F');
    await context.close();
  });

  test('a user changes their password and signs in with the new one', async () => {
    const { context, page } = await signedInAs('auditor');
    await page.getByRole('link', { name: 'Ubah kata sandi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ubah kata sandi' }).waitFor();
    const fill = async (current: string, next: string, confirm: string) => {
      await page.getByLabel('Kata sandi saat ini', { exact: true }).fill(current);
      await page.getByLabel('Kata sandi baru', { exact: true }).fill(next);
      await page.getByLabel('Ulangi kata sandi baru', { exact: true }).fill(confirm);
      await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    };
    await fill(DEMO_PASSWORD, 'kembang-mekar-2025', 'kembang-mekar-2026');
    await page.getByText('Kata sandi baru dan ulangannya tidak sama.').waitFor();
    await fill('bukan-yang-lama', 'kembang-mekar-2025', 'kembang-mekar-2025');
    await page.getByText('Kata sandi saat ini salah.').waitFor();
    await fill(DEMO_PASSWORD, 'kembang-mekar-2025', 'kembang-mekar-2025');
    await page.getByText('Kata sandi berhasil diubah.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname === '/masuk');
    await signIn(page, account('auditor').email, DEMO_PASSWORD);
    await page.getByText('E-mail/NIP atau kata sandi salah.').waitFor();
    await signIn(page, account('auditor').email, 'kembang-mekar-2025');
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });

  test('no page logged an error, broke the CSP or asked another host for anything', () => {
    assert.deepEqual(h.problems, []);
  });
});
