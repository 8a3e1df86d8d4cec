// biome-ignore-all format: long word lists read better packed than one item per line
/** Vocabulary for plausible synthetic values (no real people: names are combined at random). */

export const firstNames = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
  "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa",
  "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Andrew",
  "Emily", "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Luis",
  "Deborah", "Wei", "Stephanie", "Ahmed", "Rebecca", "Jorge", "Sharon", "Omar", "Laura", "Raj", "Cynthia", "Hiroshi",
  "Amy", "Ivan", "Angela", "Diego", "Priya", "Samuel", "Fatima", "Noah", "Grace", "Ethan", "Chloe", "Lucas", "Olivia"
] as const
export const lastNames = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
  "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
  "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
  "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Kim", "Chen", "Singh", "Khan", "Tanaka",
  "Novak", "Kowalski", "Okafor", "Haddad"
] as const
export const cities = [
  ["Boston", "MA", "021"], ["Houston", "TX", "770"], ["Phoenix", "AZ", "850"], ["Chicago", "IL", "606"],
  ["Denver", "CO", "802"], ["Atlanta", "GA", "303"], ["Seattle", "WA", "981"], ["Miami", "FL", "331"],
  ["Nashville", "TN", "372"], ["Columbus", "OH", "432"], ["Raleigh", "NC", "276"], ["Portland", "OR", "972"],
  ["San Diego", "CA", "921"], ["Austin", "TX", "787"], ["Tampa", "FL", "336"], ["Minneapolis", "MN", "554"],
  ["Baltimore", "MD", "212"], ["Richmond", "VA", "232"], ["Salt Lake City", "UT", "841"], ["Omaha", "NE", "681"]
] as const
export const streets = [
  "Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Park Blvd", "Elm St", "Lakeview Rd", "Hillcrest Ave",
  "Washington St", "Medical Center Dr", "Research Pkwy", "Riverside Dr"
] as const
export const drugStems = [
  "lumetinib", "cardavir", "neuroxamab", "glucotide", "respiralin", "dermazumab", "osteoprex", "hepatoclear",
  "renalvix", "immunocept", "oncolimab", "vasotrane", "migrastat", "arthrocel", "pulmozide", "thyrogen"
] as const
export const indications = [
  "Type 2 Diabetes", "Moderate Asthma", "Rheumatoid Arthritis", "Chronic Migraine", "Plaque Psoriasis",
  "Non-Small Cell Lung Cancer", "Heart Failure", "Major Depressive Disorder", "Osteoarthritis of the Knee",
  "Chronic Kidney Disease", "Atopic Dermatitis", "Hypertension", "COPD", "Ulcerative Colitis", "Alzheimer's Disease"
] as const
export const conditions = [
  ["Essential hypertension", "I10", "401.9"], ["Type 2 diabetes mellitus", "E11.9", "250.00"],
  ["Asthma, unspecified", "J45.909", "493.90"], ["Hyperlipidemia", "E78.5", "272.4"],
  ["Major depressive disorder", "F32.9", "296.20"], ["Osteoarthritis of knee", "M17.9", "715.96"],
  ["Migraine without aura", "G43.009", "346.10"], ["Chronic kidney disease, stage 3", "N18.30", "585.3"],
  ["Gastro-esophageal reflux disease", "K21.9", "530.81"], ["Hypothyroidism", "E03.9", "244.9"],
  ["Atrial fibrillation", "I48.91", "427.31"], ["Psoriasis", "L40.0", "696.1"], ["Obesity", "E66.9", "278.00"],
  ["Rheumatoid arthritis", "M06.9", "714.0"], ["Chronic obstructive pulmonary disease", "J44.9", "496"]
] as const
export const medications = [
  "Metformin", "Lisinopril", "Atorvastatin", "Levothyroxine", "Amlodipine", "Omeprazole", "Albuterol", "Sertraline",
  "Ibuprofen", "Losartan", "Gabapentin", "Hydrochlorothiazide", "Prednisone", "Montelukast", "Rosuvastatin",
  "Escitalopram", "Insulin glargine", "Apixaban", "Methotrexate", "Adalimumab"
] as const
export const allergens = [
  "Penicillin", "Peanuts", "Latex", "Sulfa drugs", "Shellfish", "Pollen", "Dust mites", "Bee stings", "Aspirin",
  "Codeine", "Eggs", "Cat dander", "Iodinated contrast", "Tree nuts", "Soy"
] as const
export const procedures = [
  ["Electrocardiogram", "93000"], ["Venipuncture", "36415"], ["Physical examination", "99213"],
  ["Chest X-ray", "71046"], ["Urinalysis", "81003"], ["Spirometry", "94010"], ["Echocardiogram", "93306"],
  ["MRI brain", "70551"], ["Skin biopsy", "11102"], ["Colonoscopy", "45378"], ["Lipid panel", "80061"],
  ["Vital signs", "99211"], ["Pregnancy test", "81025"], ["Pharmacokinetic sample", "36416"]
] as const
export const elementNames = [
  "Informed Consent", "Vital Signs", "Physical Exam", "ECG", "Blood Draw", "Urine Sample", "Dispense Study Drug",
  "Drug Accountability", "Adverse Event Review", "Concomitant Medications", "Quality of Life Questionnaire",
  "Pregnancy Test", "PK Sample", "Spirometry", "Eligibility Review", "Randomization", "Diary Review", "MRI"
] as const
export const visitNames = [
  "Screening", "Baseline", "Randomization", "Week 2", "Week 4", "Week 8", "Week 12", "Week 16", "Week 24", "Week 36",
  "Week 52", "End of Treatment", "Follow-up 1", "Follow-up 2", "Early Termination", "Unscheduled"
] as const
export const words = [
  "review", "protocol", "sample", "patient", "schedule", "follow-up", "dose", "visit", "monitor", "report",
  "consent", "site", "result", "baseline", "safety", "lab", "window", "form", "query", "budget"
] as const
export const sentences = [
  "Reviewed with the coordinator.", "Patient tolerated the procedure well.", "Rescheduled at patient request.",
  "Awaiting sponsor confirmation.", "Documents filed in the regulatory binder.", "No deviations observed.",
  "Follow up at next visit.", "Lab results within normal range.", "Budget approved by finance.",
  "Monitor visit completed.", "Transportation arranged.", "Pending principal investigator signature."
] as const
export const studyStatuses = [
  "Pre-Study", "Feasibility", "Startup", "Regulatory Review", "Contracting", "Enrolling", "Open to Enrollment",
  "Enrollment on Hold", "Closed to Enrollment", "Follow-up", "Closeout", "Closed", "Terminated", "Suspended",
  "Archived"
] as const
export const phases = ["Phase 1", "Phase 1b", "Phase 2", "Phase 2b", "Phase 3", "Phase 4", "N/A"] as const
export const races = [
  "White", "Black or African American", "Asian", "American Indian or Alaska Native",
  "Native Hawaiian or Other Pacific Islander", "Other"
] as const
export const ethnicities = ["Not Hispanic or Latino", "Hispanic or Latino", "Unknown"] as const
export const languages = ["English", "Spanish", "Chinese", "Vietnamese", "French", "Arabic"] as const
export const maritalStatuses = ["Single", "Married", "Divorced", "Widowed", "Separated"] as const
export const timeZones = [
  "Eastern Standard Time", "Central Standard Time", "Mountain Standard Time", "Pacific Standard Time"
] as const
export const professions = [
  "Study Coordinator", "Principal Investigator", "Sub-Investigator", "Research Nurse", "Regulatory Specialist",
  "Data Manager", "Phlebotomist", "Pharmacist", "Recruiter", "Finance Analyst"
] as const
export const colors = ["#4CAF50", "#2196F3", "#FF9800", "#9C27B0", "#F44336", "#607D8B", "#795548", "#009688"] as const
export const companySuffixes = [
  "Pharmaceuticals", "Biosciences", "Therapeutics", "Biologics", "Health", "Medical", "Life Sciences"
] as const
export const companyStems = [
  "Aster", "Bluepeak", "Corvid", "Delmar", "Everly", "Fenwick", "Granite", "Helix", "Ionis", "Juniper", "Kestrel",
  "Lumen", "Meridian", "Northwind", "Orion", "Pinnacle", "Quantum", "Redwood", "Sable", "Tidewater", "Unity",
  "Vireo", "Westbrook", "Zenith"
] as const
export const divisionNames = [
  "Oncology", "Cardiology", "Neurology", "Immunology", "Dermatology", "Respiratory", "Endocrinology", "Vaccines",
  "Rare Diseases", "Medical Affairs"
] as const
export const teamNames = [
  "Clinical Operations", "Study Start-up", "Site Management", "Data Management", "Feasibility", "Contracts",
  "Regulatory", "Medical Monitoring"
] as const
export const documentTypes = [
  "Protocol", "Amendment", "Investigator Brochure", "Informed Consent Form", "IRB Approval", "FDA 1572", "CV",
  "Medical License", "GCP Certificate", "Lab Certification", "Lab Normal Ranges", "Delegation Log", "Training Log",
  "Financial Disclosure", "Clinical Trial Agreement", "Budget", "Monitoring Report", "Safety Report",
  "Site Visit Log", "Note to File"
] as const
export const milestoneNames = [
  "Site Selected", "CDA Executed", "Budget Finalized", "Contract Executed", "IRB Submission", "IRB Approval",
  "Site Initiation Visit", "First Patient In", "Last Patient In", "Last Patient Out", "Database Lock",
  "Close-out Visit"
] as const
export const actionNames = [
  "Send regulatory packet", "Collect signed 1572", "Schedule SIV", "Submit budget", "Order lab kits",
  "Train staff on protocol", "File monitoring letter", "Reconcile drug shipment", "Invoice sponsor",
  "Update delegation log"
] as const
export const roleNames = [
  "Principal Investigator", "Sub-Investigator", "Study Coordinator", "Regulatory Coordinator", "Research Nurse",
  "Pharmacist", "Recruiter", "Data Coordinator"
] as const
export const lookupListNames = [
  "Race", "Ethnicity", "Gender", "MaritalStatus", "Language", "Country", "State", "Title", "Suffix", "ReferralType",
  "CampaignMedia", "StudyPhase", "StudyCategory", "TherapeuticArea", "VisitType", "ElementType", "PlaceOfService",
  "DroppedReason", "ScreenFailReason", "DocumentCategory", "ActionType", "MilestoneCategory", "Importance",
  "PaymentMethod", "StipendType", "Currency", "UnitOfMeasure", "InsuranceType", "RelationToPatient", "ContactMethod",
  "TimeOfDay", "IntervalType", "RoomType", "ProviderType", "Specialty", "AllergenType", "Severity", "Frequency",
  "Route", "DosageForm", "SocialHistoryCategory", "ConditionCategory", "DeviceType", "ImmunizationType",
  "FinanceType", "OpportunityLevel", "LossReason", "WinReason", "StudyGroup", "StudyType", "MonitorQueryReason",
  "NotCompleteReason", "RepeatedReason", "BillingReviewStatus"
] as const
