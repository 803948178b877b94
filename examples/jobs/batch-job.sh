# "Kubernetes in Action" ch. 4 (seed 001): a Job running one pod to completion, then five
# completions two at a time. The idealism/batch-job image prints the date, sleeps 120 s and prints
# again.
kubectl create -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: batch-job
spec:
  template:
    metadata:
      labels:
        app: batch-job
    spec:
      restartPolicy: OnFailure
      containers:
        - name: main
          image: idealism/batch-job
YAML
sim advance 5s
kubectl get jobs
kubectl get pods
sim advance 2m
kubectl get pods
kubectl get jobs
kubectl logs job/batch-job
kubectl create -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: multi-completion-parallel-batch-job
spec:
  completions: 5
  parallelism: 2
  template:
    metadata:
      labels:
        app: batch-job
    spec:
      restartPolicy: OnFailure
      containers:
        - name: main
          image: idealism/batch-job
YAML
sim advance 37s
kubectl get pods -l job-name=multi-completion-parallel-batch-job
sim advance 6m
kubectl get jobs
