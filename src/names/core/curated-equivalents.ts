/**
 * The curated given-name equivalences shipped with Liaison: spellings of one given name in the
 * Latin transliterations used by the partner administrations — English (Mohammed, Yusuf),
 * French and Maghreb (Mohamed, Youcef, Hocine, Brahim), Sahel and West African (Mamadou,
 * Oumar, Ousmane, Fatoumata), Turkish (Mehmet, Osman) and Nigerian/Hausa (Muhammadu,
 * Abdullahi). Spellings that the normalisation, particle rules or consonant skeleton already
 * bring together need not be listed, but may be. Administrators add their own
 * (`liaison names equivalents add`); these are loaded by a migration.
 */
export const CURATED_EQUIVALENTS: readonly (readonly string[])[] = [
  ['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad', 'Mohammad', 'Muhammed', 'Mouhamed', 'Mouhammad', 'Mehmet', 'Mehmed', 'Mamadou', 'Mahamadou', 'Muhammadu', 'Mohamud', 'Mohamedou'],
  ['Ahmed', 'Ahmad', 'Ahmet', 'Ahmadou', 'Amadou'],
  ['Hussein', 'Husain', 'Hussain', 'Husein', 'Hossein', 'Hocine', 'Houssein', 'Houcine', 'Huseyin'],
  ['Hassan', 'Hasan', 'Hassane', 'Hacen'],
  ['Youssef', 'Yusuf', 'Yousef', 'Youcef', 'Yussuf', 'Yousif', 'Yusef'],
  ['Omar', 'Umar', 'Oumar', 'Omer'],
  ['Othman', 'Uthman', 'Osman', 'Ousmane', 'Usman', 'Othmane', 'Usmane'],
  ['Ibrahim', 'Ebrahim', 'Ibrahima', 'Brahim'],
  ['Moussa', 'Musa', 'Mousa', 'Moosa'],
  ['Abdullah', 'Abdallah', 'Abdoulaye', 'Abdullahi'],
  ['Mustafa', 'Moustafa', 'Mostafa', 'Mustapha', 'Moustapha'],
  ['Khaled', 'Khalid'],
  ['Suleiman', 'Sulaiman', 'Souleymane', 'Slimane', 'Sulayman', 'Suleyman'],
  ['Ismail', 'Ismael', 'Ismaila'],
  ['Idris', 'Idriss', 'Driss'],
  ['Yahya', 'Yahia', 'Yahaya'],
  ['Issa', 'Aissa'],
  ['Saleh', 'Salih', 'Salah'],
  ['Yassin', 'Yasin', 'Yaseen', 'Yacine'],
  ['Jamal', 'Gamal', 'Djamel'],
  ['Nasser', 'Nasir', 'Naser'],
  ['Tariq', 'Tarek', 'Tarik'],
  ['Faisal', 'Faysal', 'Faycal'],
  ['Mahmoud', 'Mahmud', 'Mahamoud'],
  ['Abubakar', 'Aboubacar', 'Abu Bakr', 'Boubacar'],
  ['Ali', 'Aly'],
  ['Said', 'Saeed', 'Sayed'],
  ['Aisha', 'Aicha', 'Aysha', 'Aishatu', 'Aissatou'],
  ['Fatima', 'Fatma', 'Fatimah', 'Fatoumata', 'Fatouma'],
  ['Maryam', 'Mariam', 'Meriem', 'Mariama'],
  ['Khadija', 'Khadijah', 'Khadidja', 'Khadijatou'],
  ['Zainab', 'Zeinab', 'Zaynab', 'Zeynab'],
  ['Layla', 'Leila', 'Laila', 'Leyla'],
];
